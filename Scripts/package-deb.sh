#!/usr/bin/env bash
# Builds the Debian package: embassy-packets_VERSION_ARCH.deb, in dist/ (or the folder given).
#
#   /usr/bin/embassy-packets                      a release build with the Swift runtime and
#                                                 Foundation linked in (--static-swift-stdlib)
#   /usr/share/embassy-packets/Embassies          the embassy directory
#   /usr/share/embassy-packets/Templates          the letter templates
#   /usr/share/man/man1/embassy-packets*.1.gz     the man pages
#   bash, zsh and fish completions                where each shell looks for them
#   /usr/share/doc/embassy-packets/               README, copyright, changelog
#
# Depends: the shared libraries the binary links (found with dpkg-shlibdeps), the Noto fonts
# and the English hyphenation patterns; no -dev package, no compiler. The commit it is built
# from is baked into the binary (--version, and the manifest's generator.commit).
#
# Usage: Scripts/package-deb.sh [OUTPUT_FOLDER]     (needs a Swift 6 toolchain and dpkg-dev)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
dist=${1:-dist}
mkdir -p "$dist"
dist=$(cd "$dist" && pwd)

version=$(sed -n 's/.*static let version = "\([^"]*\)".*/\1/p' Sources/EmbassyPacketsPipeline/ToolInfo.swift | head -1)
[ -n "$version" ] || { echo "package-deb: no version found in Sources/EmbassyPacketsPipeline/ToolInfo.swift" >&2; exit 1; }
commit=$(git rev-parse HEAD 2>/dev/null || true)
arch=$(dpkg --print-architecture)
# Reproducible: every file dated at the commit (or SOURCE_DATE_EPOCH).
epoch=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
scratch="$root/.build-deb"

echo "package-deb: building embassy-packets $version (${commit:-no commit}) for $arch" >&2
swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product embassy-packets \
  -Xcc "-DEP_BUILD_COMMIT=\"$commit\"" -Xlinker -z -Xlinker now -Xlinker -z -Xlinker relro 2>&1 | grep -E "error|warning: unable|Build complete" >&2 || true
binary="$scratch/release/embassy-packets"
[ -x "$binary" ] || { echo "package-deb: the build failed" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
stage="$work/embassy-packets_${version}_$arch"
install -d "$stage/DEBIAN" "$stage/usr/bin" "$stage/usr/share/embassy-packets" "$stage/usr/share/man/man1" \
  "$stage/usr/share/doc/embassy-packets" "$stage/usr/share/bash-completion/completions" \
  "$stage/usr/share/zsh/vendor-completions" "$stage/usr/share/fish/vendor_completions.d"
install -m 0755 "$binary" "$stage/usr/bin/embassy-packets"
strip --strip-unneeded --remove-section=.comment --remove-section=.note "$stage/usr/bin/embassy-packets"

# The data: the directory (records and schema) and the templates (letters and schema).
cp -R Embassies Templates "$stage/usr/share/embassy-packets/"
find "$stage/usr/share/embassy-packets" -type d -exec chmod 0755 {} + -o -type f -exec chmod 0644 {} +

for page in docs/man/*.1; do awk -f Scripts/man-names.awk "$page" | gzip -9n > "$stage/usr/share/man/man1/$(basename "$page").gz"; done
chmod 0644 "$stage"/usr/share/man/man1/*
# bash-completion sources the file: no #! line (lintian: bash-completion-with-hashbang).
sed '1{/^#!/d}' docs/completions/embassy-packets.bash > "$stage/usr/share/bash-completion/completions/embassy-packets"
chmod 0644 "$stage/usr/share/bash-completion/completions/embassy-packets"
install -m 0644 docs/completions/embassy-packets.zsh "$stage/usr/share/zsh/vendor-completions/_embassy-packets"
install -m 0644 docs/completions/embassy-packets.fish "$stage/usr/share/fish/vendor_completions.d/embassy-packets.fish"

doc="$stage/usr/share/doc/embassy-packets"
gzip -9n < README.md > "$doc/README.md.gz"
cat > "$doc/copyright" <<'EOF'
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: embassy-packets
Comment: No licence has been granted for embassy-packets itself yet: all rights reserved by
 its authors. The country names compiled into the binary (Sources/EmbassyPacketsCore/Route/
 CountryNameTable.swift) are derived from iso-codes and Unicode CLDR, under their terms below.
 The embassy directory's facts cite their public sources record by record.

Files: *
Copyright: 2026 the embassy-packets authors
License: none
 All rights reserved.

Files: Sources/EmbassyPacketsCore/Route/CountryNameTable.swift
Copyright: 2000-2024 the iso-codes project
           1991-2022 Unicode, Inc.
License: LGPL-2.1+ and Unicode-DFS-2016
 Derived from iso-codes 4.15.0 (LGPL-2.1 or later; see /usr/share/common-licenses/LGPL-2.1)
 and from CLDR 41's territory names (Unicode License Agreement for Data Files and Software).
EOF
chmod 0644 "$doc/copyright"
changelog_date=$(date -u -d "@$epoch" -R)
printf 'embassy-packets (%s) unstable; urgency=medium\n\n  * Built from commit %s.\n\n -- embassy-packets maintainers <embassy-packets@users.noreply.github.com>  %s\n' \
  "$version" "${commit:-unknown}" "$changelog_date" | gzip -9n > "$doc/changelog.gz"
chmod 0644 "$doc"/*

# Depends: what the binary links (dpkg-shlibdeps reads the shlibs of the installed libraries),
# the fonts every packet is set in, and the patterns that hyphenate the letter.
mkdir -p "$work/debian"
printf 'Source: embassy-packets\n\nPackage: embassy-packets\nArchitecture: any\n' > "$work/debian/control"
shlibs=$(cd "$work" && dpkg-shlibdeps -O "$stage/usr/bin/embassy-packets" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
[ -n "$shlibs" ] || { echo "package-deb: dpkg-shlibdeps found no libraries" >&2; exit 1; }
installed_size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
cat > "$stage/DEBIAN/control" <<EOF
Package: embassy-packets
Version: $version
Architecture: $arch
Maintainer: embassy-packets maintainers <embassy-packets@users.noreply.github.com>
Installed-Size: $installed_size
Depends: $shlibs, fontconfig, fonts-noto-core, fonts-noto-cjk, hyphen-en-us
Recommends: fonts-symbola
Section: utils
Priority: optional
Description: print-ready petition packets, one per PRC embassy
 embassy-packets turns the signature export of the petition asking China
 to stop repatriating North Korean refugees (CSV, JSON, a Google Forms zip
 or a Microsoft Forms workbook) into one print-ready PDF packet per Chinese
 embassy: the letter addressed through that embassy, then tables of the
 signatures from its countries. A manifest accounts for every row; emails
 are never printed.
EOF
(cd "$stage" && find usr -type f -print0 | LC_ALL=C sort -z | xargs -0 md5sum > DEBIAN/md5sums)
chmod 0644 "$stage/DEBIAN/md5sums" "$stage/DEBIAN/control"
find "$stage" -exec touch -h -d "@$epoch" {} +
out="$dist/embassy-packets_${version}_$arch.deb"
dpkg-deb --root-owner-group -Zxz --build "$stage" "$out" >/dev/null
echo "package-deb: $out ($(du -k "$out" | cut -f1) KiB; binary $(du -k "$stage/usr/bin/embassy-packets" | cut -f1) KiB)" >&2
echo "$out"
