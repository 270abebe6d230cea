#!/usr/bin/env python3
"""Writes src/main/resources/META-INF/native-image/dev.adlens/adlens/*.json from the jars on the build classpath.

GraalVM's tracing agent is not available on these machines, so the JNI/reflection/proxy lists are derived from
the libraries' own classes: DJL tokenizers' JNI classes, every ai.onnxruntime class (its JNI code constructs OnnxTensor, TensorInfo, OrtException
... from C), every class JNA's dispatch library looks up by name (read from the shipped libjnidispatch.so), Tess4J's
JNA structures and interfaces and the JNA types their fields hold (read with javap), the providers listed in the
jars' META-INF/services files of the services the function loads, and our handlers. NativeConfigTest and
NativeBuildInputsTest check the committed files against the jars, so an upgrade that adds classes fails CI until this
script is re-run. Usage: native-build/gen-native-config.py CLASSPATH_FILE (target/classpath.txt: ./adlens build)
"""
import json, pathlib, re, subprocess, sys, zipfile

cp = pathlib.Path(sys.argv[1]).read_text().strip().split(":")
out = pathlib.Path(__file__).resolve().parent.parent / "src/main/resources/META-INF/native-image/dev.adlens/adlens"
out.mkdir(parents=True, exist_ok=True)

def jar(jar_part):
    return next(p for p in cp if jar_part in pathlib.Path(p).name)

def classes(jar_part, prefix):
    with zipfile.ZipFile(jar(jar_part)) as z:
        return sorted(n[:-6].replace("/", ".") for n in z.namelist()
                      if n.startswith(prefix) and n.endswith(".class") and "module-info" not in n)

def dispatch_lookups():
    """Every class name libjnidispatch (linux-x86-64, as shipped) holds as a string of its own: what it passes to
    FindClass. JNI_OnLoad resolves the core IDs (Object, Class, reflect.Method, String, the java.nio buffers, the
    boxes, System for jna.encoding) and JNA's own classes, and fails to load when one is missing; throwByName finds
    the exceptions it throws (UnsatisfiedLinkError, IllegalArgumentException, ...) only when it throws them."""
    with zipfile.ZipFile(jar("jna-")) as z:
        so = z.read("com/sun/jna/linux-x86-64/libjnidispatch.so")
    names = re.findall(rb"(?<=\x00)((?:java|com/sun/jna)/[A-Za-z0-9_/$]+)(?=\x00)", so)
    return sorted({n.decode().replace("/", ".") for n in names})

def javap(names):
    """Each class's superclass, interfaces and instance field types (javap's descriptors), by class name."""
    text = subprocess.run(["javap", "-cp", ":".join(cp), "-p", "-s", *names], check=True, capture_output=True,
                          text=True).stdout
    out, cur, member = {}, None, None
    for line in text.splitlines():
        header = re.sub(r"<[^<>]*>", "", re.sub(r"<[^<>]*>", "", line))   # generics, two levels
        m = re.match(r"[\w ]*\b(?:class|interface) ([\w.$]+)(?: extends ([\w.$, ]+?))?(?: implements ([\w.$, ]+))? \{$", header)
        if m:
            cur = out[m.group(1)] = {"supers": [t.strip() for g in m.groups()[1:] if g for t in g.split(",")], "fields": []}
        elif line.startswith("  ") and not line.startswith("    "):
            member = line
        elif line.strip().startswith("descriptor: ") and cur is not None and " static " not in f" {member.strip()}":
            d = line.strip()[len("descriptor: "):]
            if not d.startswith("("):
                d = d.lstrip("[")
                if d.startswith("L"):
                    cur["fields"].append(d[1:-1].replace("/", "."))
    return out

def structure_field_types():
    """Tess4J's JNA Structures, the Structures their fields reach, and the types JNA instantiates for those fields
    by reflection (Klass.newInstance: a public no-arg constructor): Structures and NativeMapped types such as
    com.sun.jna.NativeLong in ITessAPI$TimeVal."""
    info = {}
    def load(names):
        names = [n for n in names if n not in info and not n.startswith("java.")]
        if names:
            info.update(javap(names))
    def ancestors(name):
        seen, todo = set(), [name]
        while todo:
            c = todo.pop()
            load([c])
            for sup in info.get(c, {}).get("supers", []):
                if sup not in seen:
                    seen.add(sup)
                    todo.append(sup)
        return seen
    load(classes("tess4j-", "net/sourceforge/tess4j/"))
    structures = [c for c in list(info) if c.startswith("net.sourceforge.tess4j.") and "com.sun.jna.Structure" in ancestors(c)]
    todo, seen, constructed = list(structures), set(structures), set()
    while todo:
        s = todo.pop()
        # JNA's Structure fields: those of the class and of its superclasses below Structure
        own = [s] + [a for a in ancestors(s) if a != "com.sun.jna.Structure" and "com.sun.jna.Structure" in ancestors(a)]
        for t in [t for c in own for t in info[c]["fields"]]:
            up = ancestors(t)
            if "com.sun.jna.Structure" in up and t not in seen:
                seen.add(t)
                todo.append(t)
            if "com.sun.jna.Structure" in up or "com.sun.jna.NativeMapped" in up:
                constructed.add(t)
    return sorted(seen), sorted(constructed)

# Quarkus builds with GraalVM's ServiceLoader feature off (-H:-UseServiceLoaderFeature): the META-INF/services files
# are image resources, but ServiceLoader can instantiate a provider only when it is registered for reflection. The
# services the function loads itself: ImageIO.scanForPlugins (dev.adlens.image.ImageDecoder) loads every
# javax.imageio.spi category, and IIORegistry rethrows the first provider it cannot instantiate.
USED_SERVICES = ("javax.imageio.spi.",)

def service_providers():
    out = set()
    for p in cp:
        if not p.endswith(".jar"):
            continue
        with zipfile.ZipFile(p) as z:
            for n in z.namelist():
                if n.startswith("META-INF/services/") and n[len("META-INF/services/"):].startswith(USED_SERVICES):
                    for line in z.read(n).decode().splitlines():
                        provider = line.split("#", 1)[0].strip()
                        if provider:
                            out.add(provider)
    return sorted(out)

ALL = {"allDeclaredConstructors": True, "allDeclaredMethods": True, "allDeclaredFields": True}
ort = classes("onnxruntime", "ai/onnxruntime/")
# DJL's HuggingFace tokenizers: its Rust JNI library constructs CharSpan/Encoding results and throws from C
djl = classes("tokenizers-", "ai/djl/huggingface/tokenizers/jni/") + ["ai.djl.huggingface.tokenizers.Encoding",
                                                                      "ai.djl.engine.EngineException"]
# JNA's dispatch.c looks these up with FindClass/GetMethodID/GetFieldID (and dispatch_lookups() finds the rest)
jna = ["com.sun.jna.Callback", "com.sun.jna.CallbackReference", "com.sun.jna.CallbackReference$AttachOptions",
       "com.sun.jna.FromNativeConverter", "com.sun.jna.IntegerType", "com.sun.jna.JNIEnv", "com.sun.jna.LastErrorException",
       "com.sun.jna.Native", "com.sun.jna.Native$ffi_callback", "com.sun.jna.NativeMapped", "com.sun.jna.Pointer",
       "com.sun.jna.PointerType", "com.sun.jna.Structure", "com.sun.jna.Structure$ByValue",
       "com.sun.jna.Structure$FFIType", "com.sun.jna.Structure$FFIType$FFITypes", "com.sun.jna.WString",
       "com.sun.jna.ptr.PointerByReference", "com.sun.jna.ptr.IntByReference", "com.sun.jna.ptr.FloatByReference"]
# JDK classes the native libraries find by name (dispatch_lookups() adds the rest of JNA's)
jdk = ["java.lang.Boolean", "java.lang.Byte", "java.lang.Character", "java.lang.Class", "java.lang.Double",
       "java.lang.Float", "java.lang.Integer", "java.lang.Long", "java.lang.Object", "java.lang.Short",
       "java.lang.String", "java.lang.Void", "java.lang.reflect.Method", "java.nio.Buffer", "java.nio.ByteBuffer",
       "java.util.HashMap", "java.util.ArrayList"]
dispatch = dispatch_lookups()
tess = classes("tess4j-", "net/sourceforge/tess4j/ITessAPI") + ["net.sourceforge.tess4j.TessAPI"]
handlers = ["dev.adlens.lambda.S3Handler", "dev.adlens.lambda.ApiHandler"]
structures, field_types = structure_field_types()
NO_ARG = {"methods": [{"name": "<init>", "parameterTypes": []}]}

def jni_entry(c):
    if c == "java.lang.System":   # only get_system_property("jna.encoding"): a static method, not all of System
        return {"name": c, "methods": [{"name": "getProperty", "parameterTypes": ["java.lang.String"]}]}
    return dict(name=c, **ALL)

jna_jni = jna + [c for c in dispatch if c.startswith("com.sun.jna.") and c not in jna]
jdk_jni = jdk + [c for c in dispatch if c.startswith("java.") and c not in jdk]
jni = [jni_entry(c) for c in ort + djl + jna_jni + jdk_jni]
reflected = tess + jna + sorted(set(structures) - set(tess + jna)) + handlers
reflect = [dict(name=c, **ALL) for c in reflected]
reflect += [dict(name=c, **NO_ARG) for c in field_types + service_providers() if c not in reflected]
# GraalVM 25 deprecates proxy-config.json: the TessAPI dynamic proxy goes in the reachability-metadata format
metadata = {"reflection": [{"type": {"proxy": ["net.sourceforge.tess4j.TessAPI"]}}]}
resources = {"resources": {"includes": [
    {"pattern": r"\Qtaxonomy/\E.*"},
    {"pattern": r"\Qpolicy/\E.*"},   # the built-in brand-safety policy (safety.Policy.builtIn)
    {"pattern": r"\Qai/onnxruntime/native/linux-x64/\E.*"},
    {"pattern": r"\Qcom/sun/jna/linux-x86-64/libjnidispatch.so\E"},
    {"pattern": r"\Qnative/lib/linux-x86_64/cpu/libtokenizers.so\E"},
    {"pattern": r"\Qnative/lib/tokenizers.properties\E"},
    {"pattern": r"\QMETA-INF/services/javax.imageio.spi.\E.*"},
]}}
(out / "proxy-config.json").unlink(missing_ok=True)
for name, data in [("jni-config.json", jni), ("reflect-config.json", reflect), ("reachability-metadata.json", metadata),
                   ("resource-config.json", resources)]:
    (out / name).write_text(json.dumps(data, indent=1) + "\n")
print(f"{len(jni)} JNI, {len(reflect)} reflection, {len(metadata['reflection'])} proxy entries -> {out}")
