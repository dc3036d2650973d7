#!/usr/bin/env bash
# Builds the container base image of the co-browse server from Debian packages alone (no container registry needed):
# Debian 12 "bookworm" with openjdk-17-jre-headless and ca-certificates, as a `docker save`-style tarball that Jib takes
# as its base with `-Djib.from.image=tar://...`. Needs mmdebstrap (apt-get install mmdebstrap) and root, or a user
# with subuid/subgid ranges (mmdebstrap then runs in its unshare mode).
# Usage: deploy/container/build-base-image.sh [OUTPUT.tar]   (default: target/base-image/debian12-jre17.tar)
set -euo pipefail
cd "$(dirname "$0")/../.."

out=${1:-target/base-image/debian12-jre17.tar}
tag=opencobrowse/debian12-jre17:latest
java_home=/usr/lib/jvm/java-17-openjdk-amd64
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$(dirname "$out")"

# The root file system: only the essential packages plus the JRE. Documentation and translations are left out;
# manual pages stay because update-alternatives links into them.
mmdebstrap --variant=essential --include=openjdk-17-jre-headless,ca-certificates \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
  --customize-hook='rm -rf "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/*' \
  bookworm "$work/layer.tar"

# Wrap it as a one-layer image in the `docker save` layout: manifest.json, the config and the layer.
diff_id=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
created=$(date -u +%Y-%m-%dT%H:%M:%SZ)
mkdir "$work/image" "$work/image/$diff_id"
mv "$work/layer.tar" "$work/image/$diff_id/layer.tar"
cat > "$work/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"$created",
 "config":{"Env":["PATH=$java_home/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=$java_home","LANG=C.UTF-8"]},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},
 "history":[{"created":"$created","created_by":"mmdebstrap bookworm + openjdk-17-jre-headless (deploy/container/build-base-image.sh)"}]}
JSON
config_id=$(sha256sum "$work/config.json" | cut -d' ' -f1)
mv "$work/config.json" "$work/image/$config_id.json"
printf '[{"Config":"%s.json","RepoTags":["%s"],"Layers":["%s/layer.tar"]}]\n' "$config_id" "$tag" "$diff_id" \
  > "$work/image/manifest.json"
tar -C "$work/image" -cf "$out" manifest.json "$config_id.json" "$diff_id"
echo "Base image $tag written to $out ($(du -h "$out" | cut -f1))"
