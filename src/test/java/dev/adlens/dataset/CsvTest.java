package dev.adlens.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adlens.UnitTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@UnitTest
class CsvTest {
    @Test
    void handlesQuotedCommasQuotesAndLineBreaks() {
        List<List<String>> rows = Csv.parse("a,b,text\r\n1,\"x, y\",\"He said \"\"SALE\"\"\nnow\"\n2,,last");
        assertThat(rows).containsExactly(List.of("a", "b", "text"), List.of("1", "x, y", "He said \"SALE\"\nnow"),
                List.of("2", "", "last"));
    }
}
