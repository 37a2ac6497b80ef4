#!/usr/bin/env bash
# Installs the sensor's software on Amazon Linux 2023: packages from the AL2023 repositories, then
# LuaJIT, libdnet, libdaq, Snort 3 and OSSEC built from the pinned sources in sources.env, and the
# Snort 3 community rules. Run by the image build (EC2 Image Builder) and, when the fleet does not
# use the golden image, by cloud-init at boot. Usage: install-sensor.sh <sources.env>
set -euo pipefail
# shellcheck source=/dev/null
source "${1:?usage: install-sensor.sh <sources.env>}"
WORK=$(mktemp -d /var/tmp/lz-build.XXXXXX)
LOCK=/etc/lz/sensor-sources.lock
install -d -m 0755 /etc/lz /usr/local/etc/rules /usr/local/etc/snort /var/log/snort
: > "$LOCK"

fetch() {  # fetch <name> <url> <sha256 or empty>: download, verify, unpack into $WORK/<name>
  local name=$1 url=$2 sha=$3 file="$WORK/$1.tar.gz" seen
  curl --fail --silent --show-error --location --retry 3 --proto '=https' -o "$file" "$url"
  seen=$(sha256sum "$file" | cut -d' ' -f1)
  if [ -n "$sha" ] && [ "$seen" != "$sha" ]; then
    echo "checksum mismatch for $name: expected $sha, got $seen" >&2
    exit 1
  fi
  echo "$name $url sha256=$seen pinned=${sha:+yes}" >> "$LOCK"
  mkdir -p "$WORK/$name"
  tar -xzf "$file" -C "$WORK/$name" --strip-components=1
}

# shellcheck disable=SC2086
dnf install -y $AL2023_PACKAGES $AL2023_BUILD_PACKAGES
export PKG_CONFIG_PATH=/usr/local/lib/pkgconfig:/usr/local/lib64/pkgconfig
JOBS=$(nproc)

fetch luajit "$LUAJIT_URL" "$LUAJIT_SHA256"
make -C "$WORK/luajit" -j"$JOBS" PREFIX=/usr/local
make -C "$WORK/luajit" install PREFIX=/usr/local

fetch libdnet "$LIBDNET_URL" "$LIBDNET_SHA256"
(cd "$WORK/libdnet" && ./configure --prefix=/usr/local && make -j"$JOBS" && make install)

fetch libdaq "$LIBDAQ_URL" "$LIBDAQ_SHA256"
(cd "$WORK/libdaq" && ./bootstrap && ./configure --prefix=/usr/local && make -j"$JOBS" && make install)
echo /usr/local/lib > /etc/ld.so.conf.d/lz-local.conf
ldconfig

fetch snort3 "$SNORT3_URL" "$SNORT3_SHA256"
(cd "$WORK/snort3" && ./configure_cmake.sh --prefix=/usr/local --with-daq-includes=/usr/local/include \
   --with-daq-libraries=/usr/local/lib && cd build && make -j"$JOBS" && make install)
ldconfig

fetch ossec "$OSSEC_URL" "$OSSEC_SHA256"
cat > "$WORK/ossec/etc/preloaded-vars.conf" <<'VARS'
USER_LANGUAGE="en"
USER_NO_STOP="y"
USER_INSTALL_TYPE="local"
USER_DIR="/var/ossec"
USER_ENABLE_EMAIL="n"
USER_ENABLE_SYSCHECK="y"
USER_ENABLE_ROOTCHECK="y"
USER_ENABLE_ACTIVE_RESPONSE="n"
USER_UPDATE="n"
VARS
(cd "$WORK/ossec" && PCRE2_SYSTEM=yes ./install.sh)

curl --fail --silent --show-error --location --retry 3 --proto '=https' \
  -o "$WORK/community.tar.gz" "$COMMUNITY_RULES_URL"
tar -xzf "$WORK/community.tar.gz" -C "$WORK"
install -m 0644 "$WORK"/snort3-community-rules/snort3-community.rules /usr/local/etc/rules/
echo "community-rules $COMMUNITY_RULES_URL sha256=$(sha256sum "$WORK/community.tar.gz" | cut -d' ' -f1)" >> "$LOCK"
touch /usr/local/etc/rules/local.rules

# Build tools do not stay on a sensor.
# shellcheck disable=SC2086
dnf remove -y gcc gcc-c++ cmake autoconf automake libtool flex bison
rm -rf "$WORK"
/usr/local/bin/snort -V
