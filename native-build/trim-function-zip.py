#!/usr/bin/env python3
"""Rewrites a Quarkus JVM function.zip for x86_64 Linux Lambda: inside the library jars, drops the native
libraries of other platforms (ONNX Runtime carries macOS/Windows/aarch64 builds, ~155 MB unpacked; JNA 23
platforms; Tess4J/Lept4J Windows DLLs) and data the function never reads (Tess4J's bundled tessdata: the layer
provides eng.traineddata). Also drops our own classes the function never loads: the command line (with its
benchmarks, cold-start tool and Runtime API emulator), the encoder server, training-data writers, the synthetic
corpus, Pitt annotations and the HTML report. Usage: native-build/trim-function-zip.py target/function.zip
Prints the sizes before and after, compressed and unpacked."""
import io, pathlib, re, sys, zipfile

KEEP_PLATFORM = {"ai/onnxruntime/native/": "linux-x64/", "com/sun/jna/": "linux-x86-64/",
                 "native/lib/": "linux-x86_64/"}  # the last: DJL tokenizers (linux-aarch64 dropped, 14 MB)
DROP = [re.compile(p) for p in (r"^win32-[^/]+/.*\.dll$", r"^tessdata/", r"^darwin[^/]*/", r"\.dSYM/")]
# tools, not the function (ArchitectureTest keeps lambda/ and app/ from importing these packages)
# and the dev-only stand-ins (the local S3Proxy/dynalite stack, a Lambda Context for `adlens dev`)
NOT_THE_FUNCTION = re.compile(r"^(dev/adlens/(cli|tools|serve|dataset|synth|pitt|report)/|META-INF/services/dev\.adlens\.cli\."
                              r"|dev/adlens/aws/LocalStack[.$]|dev/adlens/lambda/LocalContext[.$])")

def keep(name):
    for prefix, platform in KEEP_PLATFORM.items():
        if name.startswith(prefix):
            rest = name[len(prefix):]
            if "/" in rest and re.match(r"^(linux|darwin|win|osx|sunos|freebsd|openbsd|aix)[^/]*/", rest):
                return rest.startswith(platform)
    return not any(p.search(name) for p in DROP)

def trim_jar(data):
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if keep(info.filename):
                dst.writestr(info, src.read(info.filename), compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()

def sizes(path):
    with zipfile.ZipFile(path) as z:
        return path.stat().st_size, sum(i.file_size for i in z.infolist())

path = pathlib.Path(sys.argv[1])
before = sizes(path)
tmp = path.with_suffix(".trimmed")
with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
    for info in src.infolist():
        if NOT_THE_FUNCTION.match(info.filename):
            continue
        data = src.read(info.filename)
        if info.filename.endswith(".jar") and re.search(r"(onnxruntime|jna|tess4j|lept4j|tokenizers)[^/]*\.jar$", info.filename):
            data = trim_jar(data)
        dst.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
tmp.replace(path)
after = sizes(path)
print(f"function.zip: {before[0]/1e6:.1f} MB zipped / {before[1]/1e6:.1f} MB unpacked -> "
      f"{after[0]/1e6:.1f} MB / {after[1]/1e6:.1f} MB")
