package dev.adlens.report;

import java.util.List;

/**
 * The overview as RFC 4180 CSV: CRLF line ends, a field quoted when it holds a comma, a quote or a line break, quotes
 * doubled. The page's "Download CSV" quotes the same way.
 */
public final class OverviewCsv {
    private OverviewCsv() {
    }

    public static String write(List<OverviewRow> rows) {
        String taxonomy = Overview.taxonomy(rows);
        StringBuilder sb = new StringBuilder();
        line(sb, OverviewRow.header(taxonomy));
        rows.forEach(r -> line(sb, r.fields(taxonomy)));
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(field(fields.get(i)));
        }
        sb.append("\r\n");
    }

    static String field(String s) {
        boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
