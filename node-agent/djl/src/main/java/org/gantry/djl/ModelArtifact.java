package org.gantry.djl;

import ai.djl.nn.Block;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.gantry.api.json.GantryJson;

/**
 * Writes a model directory: the parameters first, then {@code model.json}, each under a temporary
 * name renamed into place. A reader that finds {@code model.json} therefore finds the parameters
 * it names, complete.
 */
final class ModelArtifact {
    static final String PARAMETERS = "mlp.params";

    private ModelArtifact() {}

    static void write(Path dir, ModelCard card, Block block) throws IOException {
        Files.createDirectories(dir);
        Path parameters = dir.resolve(card.parameters() + ".tmp");
        try (FileOutputStream file = new FileOutputStream(parameters.toFile())) {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(file, 1 << 16));
            block.saveParameters(out);
            out.flush();
            file.getFD().sync();
        }
        Files.move(parameters, dir.resolve(card.parameters()), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        Path json = dir.resolve(ModelCard.FILE + ".tmp");
        try (FileOutputStream file = new FileOutputStream(json.toFile())) {
            file.write(GantryJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(card));
            file.getFD().sync();
        }
        Files.move(json, dir.resolve(ModelCard.FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
