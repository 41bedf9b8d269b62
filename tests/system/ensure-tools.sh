#!/usr/bin/env bash
# The Debian packages the test suites need, installed where missing (`npm test` and .ci/run both run this,
# so a fresh Debian machine needs nothing but `npm ci && npm test`). Each line: a check, then the package
# that satisfies it. Not root, no apt-get, or ISNAD_NO_APT=1: print one line saying what to install, exit 1.
set -euo pipefail

# check                                                          package                     used by
checks=(
  "command -v java                                               openjdk-17-jre-headless"  # DynamoDB Local (storage suite)
  "command -v chromium                                           chromium"                 # tests/e2e (playwright-core drives it)
  "test -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf       fonts-dejavu-core"        # page screenshots, PDF fixtures
  "command -v go                                                 golang-go"                # tests/conformance/go-tlog-client
  "test -d /usr/share/gocode/src/golang.org/x/mod/sumdb          golang-golang-x-mod-dev"  # … built on golang.org/x/mod
  "command -v pdftotext                                          poppler-utils"            # copy-paste as PDF viewers copy
  "command -v openssl                                            openssl"                  # tests/timestamp: a real RFC 3161 TSA
  "command -v ssh-keygen                                         openssh-client"           # tests/sshsig: ssh-keygen -Y sign/verify
  "command -v sigsum-witness                                     sigsum-go"                # tests/witness: a real tlog-witness
  "command -v soffice                                            libreoffice-writer-nogui" # … and as LibreOffice copies
  "test -e /usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf  fonts-noto-core"  # Arabic text in those PDFs
  "command -v dnsmasq                                            dnsmasq-base"             # tests/domain-keys: a real DNS server (no service)
  "command -v tesseract                                          tesseract-ocr"            # OCR at ingest and verify by screenshot
  "test -e /usr/share/tesseract-ocr/5/tessdata/ara.traineddata   tesseract-ocr-ara"        # … Arabic
  "test -e /usr/share/tesseract-ocr/5/tessdata/fra.traineddata   tesseract-ocr-fra"        # … French
  "test -e /usr/share/fonts/opentype/fonts-hosny-amiri/Amiri-Regular.ttf  fonts-hosny-amiri"  # OCR corpus: a ligature-rich font
  "test -d /usr/share/fonts/truetype/kacst                       fonts-kacst"              # OCR corpus: a third Arabic font
)

missing=()
for line in "${checks[@]}"; do
  pkg="${line##* }"
  check="${line% "$pkg"}"
  eval "$check" >/dev/null 2>&1 || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "${ISNAD_NO_APT:-}" = "1" ] || [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "isnad tests need Debian packages: sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi

echo "isnad tests: installing ${missing[*]} (apt-get; once per machine)" >&2
# sigsum-go is in bookworm-backports only (newer suites have it in main); its one dependency is libc6.
if [[ " ${missing[*]} " == *" sigsum-go "* ]] && grep -q '^VERSION_CODENAME=bookworm' /etc/os-release 2>/dev/null &&
  ! grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  echo 'deb http://deb.debian.org/debian bookworm-backports main' >/etc/apt/sources.list.d/isnad-backports.list
fi
log="$(mktemp -t isnad-apt.XXXXXX)"
if ! { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  tail -n 20 "$log" >&2
  echo "isnad tests: apt-get could not install ${missing[*]} (full log: $log)" >&2
  exit 1
fi
rm -f "$log"
