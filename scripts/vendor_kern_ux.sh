#!/usr/bin/env bash
# Vendor KERN-UX (@kern-ux/native, EUPL-1.2) into our static files.
#
# Why: a German public site may not load fonts or styles from a CDN, so the compiled
# CSS and the Fira Sans webfonts are served by the platform itself. The package's
# JavaScript (kern-kopfzeile.js) is deliberately NOT copied: it injects inline <style>
# elements that our Content-Security-Policy forbids; the kopfzeile is plain HTML + CSS.
#
# Usage: scripts/vendor_kern_ux.sh [VERSION]     (default: the version pinned below)
# Needs: npm (registry access), tar, sha256sum. Never commits node_modules: the package
# is fetched with `npm pack` into a temporary directory that is removed afterwards.
set -euo pipefail

VERSION="${1:-2.7.2}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$ROOT/src/citypartners/static/vendor/kern-ux"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

echo "fetching @kern-ux/native@$VERSION"
( cd "$TMP" && npm pack --silent "@kern-ux/native@$VERSION" >/dev/null )
tar -xzf "$TMP"/kern-ux-native-"$VERSION".tgz -C "$TMP"
PKG="$TMP/package"

# Start from a clean slate but keep the files we maintain by hand (VENDORED.md, fonts/OFL.txt).
rm -rf "$DEST/fonts/fira-sans" "$DEST/fonts/fira-sans.css" "$DEST/kern.min.css" "$DEST/LICENSE.md" "$DEST/SHA256SUMS"
mkdir -p "$DEST/fonts/fira-sans"

cp "$PKG/dist/kern.min.css" "$DEST/kern.min.css"      # includes grid + utilities
cp "$PKG/LICENSE.md" "$DEST/LICENSE.md"                # EUPL-1.2, German text
cp "$PKG/dist/fonts/fira-sans.css" "$DEST/fonts/fira-sans.css"

# Copy only the font files that fira-sans.css actually references (10 of 36).
grep -o 'url("\./fira-sans/[^"]*")' "$PKG/dist/fonts/fira-sans.css" \
  | sed -e 's/^url("\.\///' -e 's/")$//' \
  | while read -r rel; do cp "$PKG/dist/fonts/$rel" "$DEST/fonts/$rel"; done

# Guard: no reference may leave our static dir. The only "http" allowed is the SVG XML
# namespace inside data: URIs of the icon masks (an identifier, never fetched).
bad_http="$(grep -rhoE 'https?://[^"'"'"' )]*' "$DEST"/*.css "$DEST"/fonts/*.css \
  | grep -v '^http://www.w3.org/2000/svg$' || true)"
if [ -n "$bad_http" ]; then echo "external URL in vendored CSS: $bad_http" >&2; exit 1; fi
bad_url="$(grep -rhoE 'url\([^)]*\)' "$DEST"/*.css "$DEST"/fonts/*.css \
  | grep -vE '^url\(("|'"'"')?(data:|\./)' || true)"
if [ -n "$bad_url" ]; then echo "non-local url() in vendored CSS: $bad_url" >&2; exit 1; fi
if grep -q '@import' "$DEST/kern.min.css" "$DEST/fonts/fira-sans.css"; then
  echo "@import found in vendored CSS" >&2; exit 1
fi
# Every font the CSS names must be here.
grep -o 'url("\./fira-sans/[^"]*")' "$DEST/fonts/fira-sans.css" \
  | sed -e 's/^url("\.\///' -e 's/")$//' \
  | while read -r rel; do test -f "$DEST/fonts/$rel" || { echo "missing $rel" >&2; exit 1; }; done
test -f "$DEST/fonts/OFL.txt" || echo "warning: fonts/OFL.txt (Fira Sans licence) is missing" >&2

( cd "$DEST" && find . -type f \( -name '*.css' -o -name '*.woff2' \) | LC_ALL=C sort \
    | xargs sha256sum > SHA256SUMS )
echo "vendored @kern-ux/native@$VERSION into ${DEST#"$ROOT"/}"
du -sh "$DEST"
