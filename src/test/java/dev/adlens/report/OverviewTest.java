package dev.adlens.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adlens.UnitTest;
import dev.adlens.category.TaxonomyLabels;
import dev.adlens.dataset.Csv;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The overview's rows as CSV and as HTML, with file names and OCR text that hold every special character. */
@UnitTest
class OverviewTest {
    private static final String NASTY = "ads/a,b \"quoted\" <script>alert(1)</script> & 'x'\nline2.jpg";
    private static final String OCR = "BUY <b>NOW</b> & \"save\" 'today' </script> end";

    private static HtmlReport report() {
        HtmlReport report = new HtmlReport();
        report.add(SyntheticAds.labeled(NASTY, 0, OCR), null); // travel, selected
        report.add(SyntheticAds.labeled("ads/plain.jpg", 4, "plain words"), null); // unclear topic and category
        report.add(SyntheticAds.failed("ads/bad,one.jpg"), null);
        return report;
    }

    @Test
    void csvReadsBackFieldForField() {
        String csv = OverviewCsv.write(report().rows());
        assertThat(csv).endsWith("\r\n");
        List<List<String>> rows = Csv.parse(csv);
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0)).containsExactly("file", "iab-ad-product-2.0 category", "iab-ad-product-2.0 score",
                "topic", "topic score", "verdict", "flags", "unclear", "failed");
        assertThat(rows.get(1)).containsExactly(NASTY, "Category 0 (1000)", "0.90", "travel", "0.40", "allow", "", "",
                "");
        assertThat(rows.get(2)).containsExactly("ads/plain.jpg", "Category 0 (1000)", "0.90", "healthcare", "0.68",
                "review", "Alcohol 0.81", "topic; category", "");
        assertThat(rows.get(3)).containsExactly("ads/bad,one.jpg", "", "", "", "", "", "", "", "CORRUPT_IMAGE");
    }

    @Test
    void csvQuotesOnlyWhatNeedsIt() {
        assertThat(OverviewCsv.field("plain")).isEqualTo("plain");
        assertThat(OverviewCsv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(OverviewCsv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(OverviewCsv.field("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(OverviewCsv.field("cr\r")).isEqualTo("\"cr\r\"");
    }

    @Test
    void withoutTaxonomiesTheCategoryColumnsAreLeftOut() {
        assertThat(OverviewRow.header(null)).containsExactly("file", "topic", "topic score", "verdict", "flags",
                "unclear", "failed");
        HtmlReport report = new HtmlReport();
        report.add(SyntheticAds.failed("only-failures.jpg"), null);
        assertThat(Csv.parse(OverviewCsv.write(report.rows())).get(0)).doesNotContain("iab-ad-product-2.0 category");
    }

    @Test
    void pageEscapesFileNamesAndOcrTextAndPutsTheOverviewFirst() {
        String page = report().html();
        assertThat(page).doesNotContain("<script>alert").doesNotContain("<b>NOW</b>")
                .contains("ads/a,b &quot;quoted&quot; &lt;script&gt;alert(1)&lt;/script&gt; &amp; &#39;x&#39;")
                .contains("BUY &lt;b&gt;NOW&lt;/b&gt; &amp; &quot;save&quot; &#39;today&#39; &lt;/script&gt; end");
        // the only script is the page's own, after the content
        assertThat(page.split("<script>", -1)).hasSize(2);
        assertThat(page.indexOf("<table id=overview")).isLessThan(page.indexOf("id=legend"))
                .isLessThan(page.indexOf("<details class=adinfo"));
        assertThat(page.split("<details class=adinfo", -1)).hasSize(4);
        assertThat(page).contains("<td title='not a decodable image'>CORRUPT_IMAGE</td>");
        // the sort handler tells numbers from text by the header
        assertThat(page).contains("<th data-sort=number>topic score</th>").contains("<th data-sort=text>file</th>");
        // the verdict and its flags are columns like the others (the filter reads every cell), a review row marked
        assertThat(page).contains("<th data-sort=text>verdict</th>", "<th data-sort=text>flags</th>",
                "<tr class=review>", "<td>review</td><td>Alcohol 0.81</td>");
        // and the details say why, with the evidence, and what was not measured
        assertThat(page).contains("Brand safety: <b>review</b> (policy adlens-default 1)",
                "<li>review: IAB category 1002 Alcohol selected with probability 0.81</li>", "not measured: adult:porn");
        // what viewers would say and what kind of unit it is, under the verdict (most likely format first)
        String first = page.substring(page.indexOf("id=ad-0>"), page.indexOf("id=ad-1>"));
        assertThat(first).contains("<p class=hint>viewers: clickbait 55%, deceptive 30%, manipulative 5%, "
                + "distasteful 1% · unit: native 0.91, advertorial 0.62</p>");
        assertThat(page.substring(page.indexOf("id=ad-1>"))).doesNotContain("viewers:");
    }

    @Test
    void evidenceOnlyForSelectedCategoriesAndAttentionUnderWhy() {
        String page = report().html();
        assertThat(page).contains("evidence phrase 0").doesNotContain("evidence phrase 1<");
        // the unclear ad chose no category: none of its phrases is shown
        String unclear = page.substring(page.indexOf("id=ad-1>"), page.indexOf("id=ad-2>"));
        assertThat(unclear).doesNotContain("evidence phrase");
        int why = unclear.indexOf("<details class=why>");
        assertThat(why).isPositive();
        assertThat(unclear.indexOf("topic attention:")).isGreaterThan(why);
        assertThat(unclear).contains("image branch carries little weight");
    }

    @Test
    void anAdThatIsNoneOfABlockListSaysSoInTheOverviewAndItsDetails() {
        TaxonomyLabels none = new TaxonomyLabels("block-list", "1", null, List.of(new dev.adlens.category.CategoryScore(
                "alcohol", "Alcohol", null, 1, 0.03f, 0.2f, "resembles: Alcohol", false)), false, 0.97);
        HtmlReport report = new HtmlReport();
        report.add(SyntheticAds.labeled("ads/jam.jpg", 0, "fruit spreads", none), null);
        String page = report.html();
        assertThat(page).contains("<td>none of them</td>", "block-list — none of them (0.97)");
        assertThat(page).doesNotContain("<td>Alcohol (alcohol)</td>");
        assertThat(Csv.parse(OverviewCsv.write(report.rows())).get(1)).contains("none of them", "0.97");
    }

    @Test
    void legendNamesEveryColourThePageUses() {
        String page = report().html();
        String css = page.substring(page.indexOf("<style>"), page.indexOf("</style>"));
        String legend = page.substring(page.indexOf("id=legend"), page.indexOf("</p>", page.indexOf("id=legend")));
        for (String colour : List.of("#d73027", "#4575b4", "#1a9641", "#f46d43", "#b35806", "#b2182b")) {
            assertThat(css).contains(colour);
            assertThat(legend).contains(colour);
        }
    }
}
