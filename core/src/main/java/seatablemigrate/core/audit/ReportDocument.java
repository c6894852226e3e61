package seatablemigrate.core.audit;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import seatablemigrate.core.spi.Shell;

/**
 * A report as a list of parts that render alike to Markdown and to a self-contained, printable HTML page, so that both
 * forms say the same. Every text is shown as text whatever the host wrote: escaped for Markdown or HTML, and code in
 * fences no line can close.
 */
final class ReportDocument {
    /** One block of the document. */
    sealed interface Part permits Heading, Text, Facts, Table, Code, Banner, SignOff {}

    /** A section's heading; {@code appendix} starts the appendices (a new page on paper). */
    record Heading(String text, boolean appendix) implements Part {}

    /** A paragraph. */
    record Text(String text) implements Part {}

    /** Named values, one per row: {@code {name, value}}. */
    record Facts(List<List<String>> rows) implements Part {
        Facts {
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    /** A table with a header; the cells of {@code statusColumn}, when given, are a check's status word and coloured by it. */
    record Table(List<String> header, List<List<String>> rows, Optional<Integer> statusColumn) implements Part {
        Table {
            header = List.copyOf(header);
            rows = rows.stream().map(List::copyOf).toList();
            requireNonNull(statusColumn, "statusColumn is null");
        }
    }

    /** Shell lines, exactly as they run. */
    record Code(List<String> lines) implements Part {
        Code {
            lines = List.copyOf(lines);
        }
    }

    /** The verdict, first and in colour. */
    record Banner(ReportBanner banner) implements Part {}

    /** Rows for a reviewer and an approver to sign, and the decision. */
    record SignOff(List<String> roles) implements Part {
        SignOff {
            roles = List.copyOf(roles);
        }
    }

    private static final String STYLE = "@page{size:A4;margin:14mm 12mm}"
            + "*{box-sizing:border-box;-webkit-print-color-adjust:exact;print-color-adjust:exact}"
            + "body{font:14px/1.45 system-ui,'DejaVu Sans',sans-serif;margin:1.5em 2em;color:#111}"
            + "h1{font-size:1.45em;margin:0 0 .6em}h2{font-size:1.15em;margin:1.4em 0 .5em;border-bottom:1px solid #888;break-after:avoid}"
            + "p{margin:.4em 0}table{border-collapse:collapse;width:100%;margin:.3em 0}"
            // Long paths and digests wrap only where a line would overflow, never inside a word that fits (no break-all).
            + "th,td{border:1px solid #bbb;padding:.3em .45em;vertical-align:top;text-align:left;overflow-wrap:break-word}"
            + "th{background:#f0f0f0}table.facts th{width:13em;font-weight:600}tr{break-inside:avoid}"
            + "pre{background:#f4f4f4;padding:.6em;margin:.3em 0;white-space:pre-wrap;overflow-wrap:break-word;font-size:12px;line-height:1.35}"
            + ".banner{border:2px solid;border-radius:4px;padding:.7em 1em;margin:0 0 1em;break-inside:avoid}"
            + ".banner .verdict{font-size:1.45em;font-weight:bold;letter-spacing:.03em;margin:0}"
            + ".banner.ready{background:#dcf1e1;border-color:#1b7f3b;color:#0b4a1f}"
            + ".banner.deferred{background:#dde7f6;border-color:#2f5d9b;color:#17355f}"
            + ".banner.refused{background:#fbdcdb;border-color:#b00020;color:#7a0015}"
            + ".banner.nothing_to_do{background:#ececec;border-color:#777;color:#333}"
            // A check's result shows at a glance, also on paper: green pass, amber warn, red fail, blue deferred.
            + "td.status,table.checks td:nth-child(2){white-space:nowrap}td.status{font-weight:600}td.pass{background:#e3f2e6}td.warn{color:#8a5300;background:#fff1d6}"
            + "td.fail{color:#a00;background:#fde2e1}td.deferred{background:#e4ebf5}"
            + "table.signoff td{height:3.4em}table.signoff th:first-child{width:9em}.signoff{break-inside:avoid}"
            + "h2.appendix{break-before:page}"
            + "@media print{body{margin:0;font-size:10.5pt}pre{font-size:9pt}}";

    /** The decision line under the signatures: one box to tick. */
    private static final String DECISION = "Decision: \u2610 approved \u2610 approved with conditions \u2610 rejected";

    private final String title;
    private final List<Part> parts;

    ReportDocument(String title, List<Part> parts) {
        this.title = requireNonNull(title, "title is null");
        this.parts = List.copyOf(parts);
    }

    String markdown() {
        StringBuilder sb = new StringBuilder("# ").append(md(title)).append('\n');
        for (Part p : parts) {
            sb.append('\n');
            if (p instanceof Heading h) {
                sb.append("## ").append(md(h.text())).append('\n');
            } else if (p instanceof Text t) {
                sb.append(md(t.text())).append('\n');
            } else if (p instanceof Facts f) {
                sb.append("| | |\n| --- | --- |\n");
                f.rows().forEach(r -> sb.append("| **").append(md(r.get(0))).append("** | ").append(md(r.get(1))).append(" |\n"));
            } else if (p instanceof Table t) {
                row(sb, t.header());
                sb.append('|').append(" --- |".repeat(t.header().size())).append('\n');
                t.rows().forEach(r -> row(sb, r));
            } else if (p instanceof Code c) {
                String fence = fence(c.lines());
                sb.append(fence).append("bash\n");
                c.lines().forEach(l -> sb.append(l).append('\n'));
                sb.append(fence).append('\n');
            } else if (p instanceof Banner b) {
                sb.append("> **").append(md(b.banner().title())).append("**: ").append(md(b.banner().reason())).append('\n');
            } else if (p instanceof SignOff so) {
                sb.append("| Role | Name | Signature | Date |\n| --- | --- | --- | --- |\n");
                so.roles().forEach(r -> sb.append("| ").append(md(r)).append(" | | | |\n"));
                sb.append('\n').append(DECISION).append('\n');
            }
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, List<String> cells) {
        sb.append('|');
        cells.forEach(c -> sb.append(' ').append(md(c)).append(" |"));
        sb.append('\n');
    }

    String html() {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width\"><title>").append(h(title)).append("</title>\n<style>")
                .append(STYLE).append("</style></head><body>\n<h1>").append(h(title)).append("</h1>\n");
        for (Part p : parts) {
            if (p instanceof Heading x) {
                sb.append(x.appendix() ? "<h2 class=\"appendix\">" : "<h2>").append(h(x.text())).append("</h2>\n");
            } else if (p instanceof Text t) {
                sb.append("<p>").append(h(t.text())).append("</p>\n");
            } else if (p instanceof Facts f) {
                sb.append("<table class=\"facts\">\n");
                f.rows().forEach(r -> sb.append("<tr><th>").append(h(r.get(0))).append("</th><td>").append(h(r.get(1))).append("</td></tr>\n"));
                sb.append("</table>\n");
            } else if (p instanceof Table t) {
                table(sb, t);
            } else if (p instanceof Code c) {
                sb.append("<pre>");
                // A shell form may span lines (a here-document, an awk program): its line breaks stay, other control characters are escaped.
                c.lines().forEach(l -> sb.append(String.join("\n", Arrays.stream(l.split("\n", -1)).map(ReportDocument::h).toList())).append('\n'));
                sb.append("</pre>\n");
            } else if (p instanceof Banner b) {
                sb.append("<div class=\"banner ").append(b.banner().verdict().name().toLowerCase(Locale.ROOT))
                        .append("\" role=\"status\"><p class=\"verdict\">").append(h(b.banner().title())).append("</p><p>")
                        .append(h(b.banner().reason())).append("</p></div>\n");
            } else if (p instanceof SignOff so) {
                sb.append("<div class=\"signoff\"><table class=\"signoff\">\n<tr><th>Role</th><th>Name</th><th>Signature</th><th>Date</th></tr>\n");
                so.roles().forEach(r -> sb.append("<tr><th>").append(h(r)).append("</th><td></td><td></td><td></td></tr>\n"));
                sb.append("</table>\n<p>").append(DECISION).append("</p></div>\n");
            }
        }
        return sb.append("</body></html>\n").toString();
    }

    private static void table(StringBuilder sb, Table t) {
        // A table of checks keeps each check's name on one line (names have hyphens, where a browser would break them).
        sb.append(t.statusColumn().isPresent() ? "<table class=\"checks\">\n<tr>" : "<table>\n<tr>");
        t.header().forEach(c -> sb.append("<th>").append(h(c)).append("</th>"));
        sb.append("</tr>\n");
        for (List<String> r : t.rows()) {
            sb.append("<tr>");
            for (int i = 0; i < r.size(); i++) {
                boolean status = t.statusColumn().filter(Integer.valueOf(i)::equals).isPresent();
                sb.append(status ? "<td class=\"status " + statusClass(r.get(i)) + "\">" : "<td>").append(h(r.get(i))).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</table>\n");
    }

    /** A status cell's class: the check's status word, anything else none (the cell's text is the host's, not a class). */
    private static String statusClass(String word) {
        return switch (word) {
            case "pass", "warn", "fail", "deferred" -> word;
            default -> "";
        };
    }

    /**
     * Text for Markdown prose, a table cell or a heading, shown as text whatever the host wrote: one line with control
     * characters escaped ({@link Shell#printable}), HTML's special characters as entities (no tag, no autolink), and the
     * characters that make Markdown links, code, emphasis or table cells escaped with a backslash.
     */
    static String md(String s) {
        String text = Shell.printable(s);
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '\\', '`', '*', '[', ']', '|', '~', '!' -> sb.append('\\').append(c);
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A code fence no line of {@code code} can close: backticks, one more than the longest run in any line, at least three. */
    private static String fence(List<String> code) {
        int longest = 0;
        for (String line : code) {
            int run = 0;
            for (int i = 0; i < line.length(); i++) {
                run = line.charAt(i) == '`' ? run + 1 : 0;
                longest = Math.max(longest, run);
            }
        }
        return "`".repeat(Math.max(3, longest + 1));
    }

    /** Text for HTML, one line with control characters escaped as on the terminal. */
    private static String h(String s) {
        return Shell.printable(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
