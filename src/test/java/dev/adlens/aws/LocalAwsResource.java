package dev.adlens.aws;

import dev.adlens.TestModels;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Starts the local AWS stack for a @QuarkusTest and configures the function against it. */
public class LocalAwsResource implements QuarkusTestResourceLifecycleManager {
    private LocalStack aws;

    @Override
    public Map<String, String> start() {
        aws = LocalStack.start(Path.of("target", "local-aws", "quarkus"));
        Map<String, String> config = new HashMap<>(aws.quarkusConfig());
        config.put("adlens.models", TestModels.dir().toAbsolutePath().toString());
        config.put("adlens.tessdata", TestModels.tessdata().toString());
        return config;
    }

    @Override
    public void stop() {
        if (aws != null) {
            aws.close();
        }
    }
}
