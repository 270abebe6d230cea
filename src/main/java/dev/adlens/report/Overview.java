package dev.adlens.report;

import static dev.adlens.report.HtmlReport.esc;

import java.util.List;

/**
 * The report's first section: one table row per ad (thumbnail, file, top category, top topic, brand-safety verdict
 * and flags, unclear, failed),
 * sortable by a click on a column header, filtered by a text box, and exported as CSV from the rows shown. Plain
 * inline JavaScript: the page works from a file, offline, with no server.
 */
final class Overview {
    /** A row and its small picture (a base64 JPEG, null for a failed ad). */
    record Entry(OverviewRow row, String icon) {
    }

    private Overview() {
    }

    /** The taxonomy of the category columns: the first one any labeled ad was scored in, or null. */
    static String taxonomy(List<OverviewRow> rows) {
        return rows.stream().map(OverviewRow::taxonomy).filter(t -> t != null).findFirst().orElse(null);
    }

    static String html(List<Entry> entries) {
        String taxonomy = taxonomy(entries.stream().map(Entry::row).toList());
        List<String> header = OverviewRow.header(taxonomy);
        StringBuilder sb = new StringBuilder("<section id=overview-section><h2>Overview</h2><p class=tools>")
                .append("<input id=filter type=search placeholder='filter: file, category, topic, verdict, flag, error…' size=40>")
                .append(" <button id=csv type=button>Download CSV</button> <span id=shown>").append(entries.size())
                .append(" of ").append(entries.size()).append(" shown</span> <span class=hint>click a column header")
                .append(" to sort; click a file for its details</span></p>")
                .append("<table id=overview><thead><tr><th></th>");
        for (String h : header) {
            boolean number = h.endsWith("score");
            sb.append("<th data-sort=").append(number ? "number" : "text").append('>').append(esc(h)).append("</th>");
        }
        sb.append("</tr></thead><tbody>\n");
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            OverviewRow r = e.row();
            sb.append("<tr").append(r.failed().isEmpty() ? "" : " class=failed")
                    .append(r.verdict().isEmpty() || r.verdict().equals("allow") ? "" : " class=" + r.verdict())
                    .append("><td>");
            if (e.icon() != null) {
                sb.append("<img class=icon alt='' src='data:image/jpeg;base64,").append(e.icon()).append("'>");
            }
            sb.append("</td>");
            List<String> fields = r.fields(taxonomy);
            for (int c = 0; c < fields.size(); c++) {
                String f = esc(fields.get(c));
                if (c == 0) { // the file links to its details
                    sb.append("<td><a href='#ad-").append(i).append("'>").append(f).append("</a></td>");
                } else if (c == fields.size() - 1 && !r.failed().isEmpty()) {
                    sb.append("<td title='").append(esc(r.message())).append("'>").append(f).append("</td>");
                } else {
                    sb.append("<td>").append(f).append("</td>");
                }
            }
            sb.append("</tr>\n");
        }
        return sb.append("</tbody></table></section>\n").toString();
    }

    /** Sorting, filtering, CSV export and opening an ad's details from its link. */
    static final String SCRIPT = """
            (function () {
              var table = document.getElementById('overview'), body = table.tBodies[0];
              var filter = document.getElementById('filter'), shown = document.getElementById('shown');
              function rows() { return Array.prototype.slice.call(body.rows); }
              function text(row, i) { return row.cells[i].textContent; }
              filter.addEventListener('input', function () {
                var q = filter.value.toLowerCase(), n = 0;
                rows().forEach(function (r) {
                  var hit = r.textContent.toLowerCase().indexOf(q) >= 0;
                  r.hidden = !hit;
                  n += hit ? 1 : 0;
                });
                shown.textContent = n + ' of ' + body.rows.length + ' shown';
              });
              var heads = table.tHead.rows[0].cells;
              Array.prototype.forEach.call(heads, function (h, i) {
                if (!h.dataset.sort) return;
                h.addEventListener('click', function () {
                  var dir = h.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
                  Array.prototype.forEach.call(heads, function (o) { o.removeAttribute('aria-sort'); });
                  h.setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
                  var number = h.dataset.sort === 'number';
                  rows().sort(function (a, b) {
                    var x = text(a, i), y = text(b, i);
                    if (number) return ((x === '' ? -1 : +x) - (y === '' ? -1 : +y)) * dir;
                    return x.localeCompare(y) * dir;
                  }).forEach(function (r) { body.appendChild(r); });
                });
              });
              function field(v) { return /[",\\r\\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v; }
              function line(cells) {
                return Array.prototype.slice.call(cells, 1).map(function (c) { return field(c.textContent); }).join(',');
              }
              document.getElementById('csv').addEventListener('click', function () {
                var lines = [line(heads)];
                rows().forEach(function (r) { if (!r.hidden) lines.push(line(r.cells)); });
                var a = document.createElement('a');
                a.href = URL.createObjectURL(new Blob([lines.join('\\r\\n') + '\\r\\n'], {type: 'text/csv'}));
                a.download = 'adlens-overview.csv';
                document.body.appendChild(a);
                a.click();
                a.remove();
              });
              function open(hash) {
                var d = hash && document.getElementById(hash.substring(1));
                if (d) d.open = true;
              }
              // a click opens the details even when the address already names them (opened, closed, clicked again)
              body.addEventListener('click', function (e) {
                var a = e.target.closest('a');
                if (a) open(a.hash);
              });
              open(location.hash);
            })();
            """;
}
