package dev.adlens.pitt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adlens.UnitTest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** On excerpts of the real Pitt Ads files (src/test/resources/pitt, copied verbatim). */
@UnitTest
class PittAnnotationsTest {
    static Map<String, AdAnnotation> ads;

    @BeforeAll
    static void load() throws Exception {
        ads = PittAnnotations.load(resource("Topics_excerpt.json"), resource("Sentiments_excerpt.json"));
    }

    static Path resource(String name) throws Exception {
        return Path.of(PittAnnotationsTest.class.getResource("/pitt/" + name).toURI());
    }

    @Test
    void keepsEveryImageOfTheTopicsFileInOrder() {
        assertThat(ads.keySet()).containsExactly("7/90807.jpg", "9/154989.jpg", "3/77893.jpg", "1/29981.jpg",
                "1/72081.jpg", "0/92600.jpg");
    }

    @Test
    void aggregatesTopicVotesIntoSoftTargets() {
        AdAnnotation a = ads.get("7/90807.jpg"); // ["12","38","12"]
        assertThat(a.majorityTopics()).containsExactly(12);
        assertThat(a.topicTargets()[11]).isCloseTo(2f / 3, within(1e-6f));
        assertThat(a.topicTargets()[37]).isCloseTo(1f / 3, within(1e-6f));
        assertThat(a.hasSentiments()).isFalse();
    }

    @Test
    void freeTextAndUnclearAnswersCountAsAnswersButNotAsClasses() {
        AdAnnotation free = ads.get("1/29981.jpg"); // ["8","Women","8"]
        assertThat(free.freeTextTopics()).containsExactly("Women");
        assertThat(free.topicTargets()[7]).isCloseTo(2f / 3, within(1e-6f));
        AdAnnotation unclear = ads.get("1/72081.jpg"); // ["32","39","26"]: a three-way tie, one unclear
        assertThat(unclear.majorityTopics()).containsExactly(26, 32);
        assertThat(unclear.freeTextTopics()).isEmpty();
        assertThat(unclear.topicTargets()[31]).isCloseTo(1f / 3, within(1e-6f));
    }

    @Test
    void sentimentListsOfListsCountAnnotatorsNotMentions() {
        AdAnnotation a = ads.get("3/77893.jpg"); // [["1","18","24"],["1","10","18","24"],["24"]]
        assertThat(a.sentimentAnnotators()).isEqualTo(3);
        assertThat(a.sentimentTargets()[23]).isEqualTo(1f);
        assertThat(a.sentimentTargets()[0]).isCloseTo(2f / 3, within(1e-6f));
        assertThat(a.majoritySentiments()).containsExactly(24);
        AdAnnotation five = ads.get("0/92600.jpg");
        assertThat(five.topicAnswers()).isEqualTo(5);
        assertThat(five.topicTargets()[11]).isCloseTo(0.8f, within(1e-6f));
    }

    @Test
    void toleratesBareIdsAndNumbersWhereListsOfStringsAreExpected() throws Exception {
        ObjectMapper json = new ObjectMapper();
        AdAnnotation a = PittAnnotations.parse("k", json.readTree("[5, \"5\", \" 7 \"]"), json.readTree("[\"3\", [3, 3], []]"));
        assertThat(a.majorityTopics()).containsExactly(5);
        assertThat(a.sentimentVotes()[2]).isEqualTo(2); // bare "3" and the list [3,3] (one vote) -> 2 annotators
        assertThat(a.sentimentAnnotators()).isEqualTo(3);
    }
}
