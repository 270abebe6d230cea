package dev.adlens.pitt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Pitt Ads annotation files with their quirks: topic answers are "1".."38", "39" (unclear) or free text
 * (numbers may also come as JSON numbers); sentiments are a list per annotator (lists of lists), where a bare
 * id instead of a list counts as a one-element list; sentiments cover only a subset of the images.
 */
public final class PittAnnotations {
    public static final int TOPICS = 38;
    public static final int SENTIMENTS = 30;

    private PittAnnotations() {
    }

    /**
     * @param sentimentsJson may be null (topics only)
     * @return annotations by image key ("subfolder/name.jpg"), in the topics file's order
     */
    public static Map<String, AdAnnotation> load(Path topicsJson, Path sentimentsJson) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode topics = json.readTree(topicsJson.toFile());
        JsonNode sentiments = sentimentsJson == null ? json.createObjectNode() : json.readTree(sentimentsJson.toFile());
        Map<String, AdAnnotation> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = topics.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), parse(e.getKey(), e.getValue(), sentiments.get(e.getKey())));
        }
        return out;
    }

    static AdAnnotation parse(String key, JsonNode topicAnswers, JsonNode sentimentLists) {
        int[] topicVotes = new int[TOPICS];
        int answers = 0;
        List<String> freeText = new ArrayList<>();
        for (JsonNode answer : iterable(topicAnswers)) {
            answers++;
            Integer id = classId(answer.asText(), TOPICS);
            if (id != null) {
                topicVotes[id - 1]++;
            } else if (!answer.asText().trim().equals("39")) {
                freeText.add(answer.asText().trim());
            }
        }
        int[] sentimentVotes = new int[SENTIMENTS];
        int annotators = 0;
        for (JsonNode list : iterable(sentimentLists)) {
            annotators++;
            Set<Integer> chosen = new LinkedHashSet<>(); // an annotator listing an id twice votes once
            for (JsonNode item : iterable(list)) {
                Integer id = classId(item.asText(), SENTIMENTS);
                if (id != null) {
                    chosen.add(id);
                }
            }
            chosen.forEach(id -> sentimentVotes[id - 1]++);
        }
        return new AdAnnotation(key, topicVotes, answers, freeText, sentimentVotes, annotators);
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        return node.isArray() ? node : List.of(node);
    }

    private static Integer classId(String text, int classes) {
        String t = text.trim();
        if (!t.matches("\\d{1,3}")) {
            return null;
        }
        int id = Integer.parseInt(t);
        return id >= 1 && id <= classes ? id : null;
    }
}
