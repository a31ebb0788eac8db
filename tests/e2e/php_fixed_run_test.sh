#!/bin/bash
# CTest fixtures:php-fixed-run: the fixed PHP URL-builder fixture (reports_uri_builder.fixed.php)
# runs against a fake Zoho Analytics served by `php -S` on 127.0.0.1: every request it makes
# carries `Authorization: Zoho-oauthtoken <token>` and no authtoken query parameter.
#   php_fixed_run_test.sh SOURCE_DIR
set -u
root=${1:?usage: php_fixed_run_test.sh SOURCE_DIR}
command -v php >/dev/null || { echo "php-fixed-run: php is missing (scripts/setup.sh installs it)"; exit 1; }
work=$(mktemp -d)
server=
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; fi
  rm -rf "$work"
}
trap cleanup EXIT
cat >"$work/router.php" <<'PHP'
<?php
$auth = $_SERVER['HTTP_AUTHORIZATION'] ?? '';
$ok = $auth === 'Zoho-oauthtoken 1000.fake.token' && !isset($_GET['authtoken']);
header('Content-Type: application/json');
echo json_encode(['ok' => $ok, 'action' => $_GET['ZOHO_ACTION'] ?? '']);
PHP
port=
for _ in 1 2 3 4 5; do
  p=$((20000 + RANDOM % 30000))
  php -S "127.0.0.1:$p" "$work/router.php" >"$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 50); do
    if php -r "exit(@fsockopen('127.0.0.1', $p) ? 0 : 1);"; then port=$p; break; fi
    kill -0 "$server" 2>/dev/null || break
    sleep 0.1
  done
  [ -n "$port" ] && break
  kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; server=
done
[ -n "$port" ] || { echo "php-fixed-run: cannot start php -S"; cat "$work/server.log"; exit 1; }
fixed="$root/fixtures/rules/authtoken-url-param/reports_uri_builder.fixed.php"
sed "s#https://analyticsapi.zoho.com/api/#http://127.0.0.1:$port/api/#" "$fixed" >"$work/client.php"
cat >"$work/main.php" <<'PHP'
<?php
require __DIR__ . '/client.php';
$t = new AnalyticsTable('me@example.com', 'Sales', 'Deals', '1000.fake.token');
echo $t->export(), "\n", $t->import([['Amount' => 1]]), "\n";
PHP
out=$(php "$work/main.php" 2>&1)
expected='{"ok":true,"action":"EXPORT"}
{"ok":true,"action":"IMPORT"}'
if [ "$out" != "$expected" ]; then
  echo "php-fixed-run: unexpected responses:"
  echo "$out"
  exit 1
fi
echo "php-fixed-run: reports_uri_builder.fixed.php sent both requests with the OAuth header"
