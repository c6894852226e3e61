# Sets one key of a Compose .env file, as EnvFile.withValue does in Java, byte for byte: every assignment of the key
# keeps its prefix (spaces, "export "), separator, quoting, trailing comment and line ending; other lines are copied;
# an absent key is appended as KEY='value' with the file's dominant line ending; a missing final newline stays
# missing. Input: ENVIRON SM_KEY, SM_VALUE (passed uninterpreted, unlike awk -v), SM_NL (1 when the file ends with a
# newline or is empty), SM_IF_ABSENT (1: a key that is set keeps its value). Run with LC_ALL=C: bytes, not characters.
BEGIN { k = ENVIRON["SM_KEY"]; v = ENVIRON["SM_VALUE"]; q = sprintf("%c", 39); dq = sprintf("%c", 34); found = 0; crlf = 0; keep = (ENVIRON["SM_IF_ABSENT"] == "1") }
{
  line = $0; cr = ""
  if (sub(/\r$/, "", line)) { cr = "\r"; crlf++ }
  bom = ""
  if (NR == 1 && substr(line, 1, 3) == "\357\273\277") { bom = substr(line, 1, 3); line = substr(line, 4) }
  out = bom line
  if (match(line, "^[ \t]*(export[ \t]+)?" k "[ \t]*=[ \t]*")) {
    pre = substr(line, 1, RLENGTH); rest = substr(line, RLENGTH + 1); c = substr(rest, 1, 1)
    if (keep) {
      found = 1
    } else if (c == q || c == dq) {
      i = index(substr(rest, 2), c)
      while (c == dq && i > 0 && substr(rest, i, 1) == "\\") {
        j = index(substr(rest, i + 2), c); i = (j > 0) ? i + j : 0
      }
      if (i > 0) { found = 1; out = bom pre c v c substr(rest, i + 2) }
    } else {
      found = 1
      j = index(rest, " #"); tail = (j > 0) ? substr(rest, j) : ""; val = (j > 0) ? substr(rest, 1, j - 1) : rest
      trimmed = val; sub(/[ \t]+$/, "", trimmed)
      out = bom pre v substr(val, length(trimmed) + 1) tail
    }
  }
  if (NR > 1) printf "%s\n", prev
  prev = out cr; lastcr = cr
}
END {
  terminated = NR
  if (NR > 0 && ENVIRON["SM_NL"] != "1") { terminated--; if (lastcr != "") crlf-- }
  nl = (crlf * 2 > terminated) ? "\r\n" : "\n"
  if (NR > 0) printf "%s%s", prev, (ENVIRON["SM_NL"] == "1") ? "\n" : (found ? "" : nl)
  if (!found) printf "%s=%s%s%s%s", k, q, v, q, nl
}
