package dev.adlens.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.jna.NativeMapped;
import com.sun.jna.Structure;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What the native configuration (native-build/gen-native-config.py) must register, read from the libraries
 * themselves, and what a configuration entry registers: shared by NativeConfigTest (the committed files against the
 * class path) and NativeBuildInputsTest (the application jar against the jars it ships with).
 */
final class NativeConfig {
    static final String DIR = "META-INF/native-image/dev.adlens/adlens/";
    static final String JNA_DISPATCH = "com/sun/jna/linux-x86-64/libjnidispatch.so";
    private static final Pattern CLASS_NAME = Pattern.compile("(?<=\0)((?:java|com/sun/jna)/[A-Za-z0-9_/$]+)(?=\0)");

    private NativeConfig() {
    }

    /** The entries of a reflect-config.json / jni-config.json, by class name. */
    static Map<String, JsonNode> byName(JsonNode entries) {
        Map<String, JsonNode> out = new HashMap<>();
        entries.forEach(e -> out.put(e.path("name").asText(), e));
        return out;
    }

    /** Whether the entry registers the constructor ({@code <init>}) or method with exactly these parameter types. */
    static boolean registers(JsonNode entry, String method, String... parameterTypes) {
        if (entry == null) {
            return false;
        }
        boolean ctor = method.equals("<init>");
        if (entry.path(ctor ? "allDeclaredConstructors" : "allDeclaredMethods").asBoolean()
                || entry.path(ctor ? "allPublicConstructors" : "allPublicMethods").asBoolean()) {
            return true;
        }
        for (JsonNode m : entry.path("methods")) {
            if (m.path("name").asText().equals(method) && m.path("parameterTypes").size() == parameterTypes.length) {
                boolean same = true;
                for (int i = 0; i < parameterTypes.length; i++) {
                    same &= m.path("parameterTypes").get(i).asText().equals(parameterTypes[i]);
                }
                if (same) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The providers a META-INF/services file lists ('#' starts a comment). */
    static Set<String> providers(InputStream servicesFile) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        for (String line : new String(servicesFile.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            String provider = line.replaceFirst("#.*", "").trim();
            if (!provider.isEmpty()) {
                out.add(provider);
            }
        }
        return out;
    }

    /** The providers of the given services listed in a jar's META-INF/services files. */
    static Set<String> providers(ZipFile jar, Set<String> services) throws IOException {
        Set<String> out = new TreeSet<>();
        for (String service : services) {
            ZipEntry e = jar.getEntry("META-INF/services/" + service);
            if (e != null) {
                try (InputStream in = jar.getInputStream(e)) {
                    out.addAll(providers(in));
                }
            }
        }
        return out;
    }

    /**
     * Every class libjnidispatch names in a string of its own: what it passes to FindClass (JNI_OnLoad's core IDs,
     * JNA's classes, the exceptions throwByName throws). Class names in member signatures are not separate strings.
     */
    static Set<String> dispatchLookups(byte[] library) {
        Set<String> out = new TreeSet<>();
        Matcher m = CLASS_NAME.matcher(new String(library, StandardCharsets.ISO_8859_1));
        while (m.find()) {
            out.add(m.group(1).replace('/', '.'));
        }
        return out;
    }

    /**
     * The Structures reachable from the given ones through their fields (with themselves) and the types JNA creates
     * by reflection for those fields (com.sun.jna.Klass.newInstance: a public no-arg constructor): Structures and
     * concrete NativeMapped types. Fields as JNA's Structure.getFieldList takes them: public, not static, declared
     * by the class or a superclass below Structure; arrays by their component type.
     */
    static Set<Class<?>> structuresAndFieldTypes(Set<Class<?>> roots, Set<Class<?>> constructed) {
        Set<Class<?>> structures = new LinkedHashSet<>(roots);
        Deque<Class<?>> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            for (Class<?> c = todo.pop(); c != null && c != Structure.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    int mod = f.getModifiers();
                    if (Modifier.isStatic(mod) || !Modifier.isPublic(mod)) {
                        continue;
                    }
                    Class<?> t = f.getType();
                    while (t.isArray()) {
                        t = t.getComponentType();
                    }
                    if (Structure.class.isAssignableFrom(t)) {
                        constructed.add(t);
                        if (structures.add(t)) {
                            todo.push(t);
                        }
                    } else if (NativeMapped.class.isAssignableFrom(t) && !t.isInterface() && !t.isEnum()
                            && !Modifier.isAbstract(t.getModifiers())) {
                        constructed.add(t);
                    }
                }
            }
        }
        return structures;
    }
}
