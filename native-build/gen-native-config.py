#!/usr/bin/env python3
"""Writes src/main/resources/META-INF/native-image/dev.adlens/adlens/*.json from the jars on the build classpath.

GraalVM's tracing agent is not available on these machines, so the JNI/reflection/proxy lists are derived from
the libraries' own classes: DJL tokenizers' JNI classes, every ai.onnxruntime class (its JNI code constructs OnnxTensor, TensorInfo, OrtException
... from C), JNA's classes that its dispatch library looks up from C, Tess4J's JNA structures and interfaces, and our
handlers. NativeConfigTest checks the committed files against the jars, so an upgrade that adds classes fails CI
until this script is re-run. Usage: native-build/gen-native-config.py CLASSPATH_FILE
"""
import json, pathlib, sys, zipfile

cp = pathlib.Path(sys.argv[1]).read_text().strip().split(":")
out = pathlib.Path(__file__).resolve().parent.parent / "src/main/resources/META-INF/native-image/dev.adlens/adlens"
out.mkdir(parents=True, exist_ok=True)

def classes(jar_part, prefix):
    jar = next(p for p in cp if jar_part in pathlib.Path(p).name)
    with zipfile.ZipFile(jar) as z:
        return sorted(n[:-6].replace("/", ".") for n in z.namelist()
                      if n.startswith(prefix) and n.endswith(".class") and "module-info" not in n)

ALL = {"allDeclaredConstructors": True, "allDeclaredMethods": True, "allDeclaredFields": True}
ort = classes("onnxruntime", "ai/onnxruntime/")
# DJL's HuggingFace tokenizers: its Rust JNI library constructs CharSpan/Encoding results and throws from C
djl = classes("tokenizers-", "ai/djl/huggingface/tokenizers/jni/") + ["ai.djl.huggingface.tokenizers.Encoding",
                                                                      "ai.djl.engine.EngineException"]
# JNA's dispatch.c looks these up with FindClass/GetMethodID/GetFieldID
jna = ["com.sun.jna.Callback", "com.sun.jna.CallbackReference", "com.sun.jna.CallbackReference$AttachOptions",
       "com.sun.jna.FromNativeConverter", "com.sun.jna.IntegerType", "com.sun.jna.JNIEnv", "com.sun.jna.LastErrorException",
       "com.sun.jna.Native", "com.sun.jna.Native$ffi_callback", "com.sun.jna.NativeMapped", "com.sun.jna.Pointer",
       "com.sun.jna.PointerType", "com.sun.jna.Structure", "com.sun.jna.Structure$ByValue",
       "com.sun.jna.Structure$FFIType", "com.sun.jna.Structure$FFIType$FFITypes", "com.sun.jna.WString",
       "com.sun.jna.ptr.PointerByReference", "com.sun.jna.ptr.IntByReference", "com.sun.jna.ptr.FloatByReference"]
jdk = ["java.lang.Boolean", "java.lang.Byte", "java.lang.Character", "java.lang.Class", "java.lang.Double",
       "java.lang.Float", "java.lang.Integer", "java.lang.Long", "java.lang.Object", "java.lang.Short",
       "java.lang.String", "java.lang.Void", "java.lang.reflect.Method", "java.nio.Buffer", "java.nio.ByteBuffer",
       "java.util.HashMap", "java.util.ArrayList"]
tess = classes("tess4j-", "net/sourceforge/tess4j/ITessAPI") + ["net.sourceforge.tess4j.TessAPI"]
handlers = ["dev.adlens.lambda.S3Handler", "dev.adlens.lambda.ApiHandler"]

jni = [dict(name=c, **ALL) for c in ort + djl + jna + jdk]
reflect = [dict(name=c, **ALL) for c in tess + jna + handlers]
# GraalVM 25 deprecates proxy-config.json: the TessAPI dynamic proxy goes in the reachability-metadata format
metadata = {"reflection": [{"type": {"proxy": ["net.sourceforge.tess4j.TessAPI"]}}]}
resources = {"resources": {"includes": [
    {"pattern": r"\Qtaxonomy/\E.*"},
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
