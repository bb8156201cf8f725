#!/usr/bin/env python3
"""Trunk post-build hook: makes dist/ work offline and under a strict CSP.

- moves trunk's inline start-up script into boot.js, so the page needs no inline script;
- adds the Content-Security-Policy;
- writes recover-strings.js, the recovery screen's text from the translation files;
- writes sw.js from public/sw.js with this build's file list and a version derived from
  their contents, so every deployment that changes a file is a new service worker.
"""
import hashlib
import os
import pathlib
import re
import sys

CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
       "img-src 'self' data:; connect-src 'self' https: http://127.0.0.1:* http://localhost:*; worker-src 'self'; manifest-src 'self'; "
       "object-src 'none'; base-uri 'self'; form-action 'none'")

staging = pathlib.Path(os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else "dist"))
root = pathlib.Path(__file__).resolve().parent.parent
index = staging / "index.html"
html = index.read_text(encoding="utf-8")

inline = re.search(r"<script type=\"module\">(.*?)</script>", html, re.S)
if inline:
    (staging / "boot.js").write_text(inline.group(1).strip() + "\n", encoding="utf-8")
    html = html.replace(inline.group(0), '<script type="module" src="./boot.js"></script>')
if "Content-Security-Policy" not in html:
    html = html.replace("<meta charset=\"utf-8\">",
                        f"<meta charset=\"utf-8\">\n    <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">", 1)
index.write_text(html, encoding="utf-8")

# The recovery screen (public/recover.js) runs when the app cannot: its text comes from
# the translation files, copied here as a plain script.
import json
strings = {}
for code in ("zh-CN", "en"):
    table = json.loads((root / "locales" / f"{code}.json").read_text(encoding="utf-8"))
    strings[code] = {k: v for k, v in table.items() if k.startswith("recover.")}
(staging / "recover-strings.js").write_text(
    "self.LIUKE_RECOVER_TEXT = " + json.dumps(strings, ensure_ascii=False) + ";\n", encoding="utf-8")

files = sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*")
               if p.is_file() and p.name != "sw.js")
digest = hashlib.sha256()
for name in files:
    digest.update(name.encode())
    digest.update((staging / name).read_bytes())
version = digest.hexdigest()[:16]
template = (root / "public" / "sw.js").read_text(encoding="utf-8")
assets = ",\n  ".join(f"'./{name}'" for name in files if name != "index.html")
sw = template.replace("'__VERSION__'", f"'{version}'").replace("/* __ASSETS__ */", assets)
(staging / "sw.js").write_text(sw, encoding="utf-8")
print(f"finish_dist: {len(files)} files, service worker version {version}")
