package dev.adlens.cli;

import dev.adlens.labels.PittTaxonomy;
import dev.adlens.synth.Lexicons;
import dev.adlens.synth.SyntheticCorpus;
import dev.adlens.words.PackedWordVectors;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "synth", mixinStandardHelpOptions = true,
        description = "Render a synthetic ad corpus in the Pitt Ads format (images/, Topics.json, Sentiments.json).")
final class SynthCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, description = "output directory")
    Path out;

    @Option(names = "--count", description = "number of ads (default: ${DEFAULT-VALUE})")
    int count = 200;

    @Option(names = "--seed", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed = 7;

    @Option(names = "--photos", description = "folder of background photos (default: Debian darknet's samples when present)")
    Path photos = Path.of("/usr/share/darknet/data");

    @Option(names = "--no-pitt-slogans", description = "lexicon copy and simulated annotators only (no CC BY-NC-SA data)")
    boolean noPittSlogans;

    @Option(names = "--models", description = "models directory (for GloVe lexicon expansion)")
    Path models = Path.of(System.getenv().getOrDefault("ADLENS_MODELS", "models"));

    @Override
    public Integer call() throws Exception {
        PittTaxonomy taxonomy = PittTaxonomy.official();
        PackedWordVectors glove = PackedWordVectors.open(models.resolve("words/glove-6b-100d.json"));
        SyntheticCorpus corpus = new SyntheticCorpus(Lexicons.build(taxonomy.topics(), glove, 8, 30_000),
                Lexicons.build(taxonomy.sentiments(), glove, 8, 30_000), loadPhotos(photos));
        corpus.write(out, count, seed, noPittSlogans ? null : SyntheticCorpus.pittSlogans());
        System.err.println("wrote " + count + " synthetic ads to " + out);
        return 0;
    }

    static List<BufferedImage> loadPhotos(Path dir) throws Exception {
        List<BufferedImage> photos = new ArrayList<>();
        if (dir == null || !Files.isDirectory(dir)) {
            return photos;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.sorted().toList()) {
                String name = p.getFileName().toString().toLowerCase();
                if (name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".png")) {
                    BufferedImage img = ImageIO.read(new File(p.toString()));
                    if (img != null) {
                        photos.add(img);
                    }
                }
            }
        }
        return photos;
    }
}
