package dev.flowmatch.nodes.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.workflow.BatchExecutor;
import org.knime.core.node.workflow.NodeContainer;
import org.knime.core.node.workflow.NodeMessage;
import org.knime.core.node.workflow.WorkflowLoadHelper;
import org.knime.core.node.workflow.WorkflowManager;
import org.knime.core.node.workflow.contextv2.WorkflowContextV2;
import org.knime.core.util.FileUtil;

import com.google.gson.JsonParser;

/**
 * A shared workflow carries the learner's model port as a file inside it, and anyone can edit that file. Here the
 * saved model is replaced by one that declares its weights as a gigabyte (a megabyte on disk, of zeros): the
 * workflow still loads, and the sampler fed by it fails with a message naming the refused entry instead of
 * inflating it, with resident memory growing by less than 1 GiB.
 */
class HostileModelPortTest {

    private static final String MODEL_ENTRY = "flowmatch-model.zip";

    @Test
    void aCraftedModelPortInASavedWorkflowIsRefusedByItsOwnArchitecture() throws Exception {
        var copy = FileUtil.createTempDir("hostile-port").toPath().resolve("01-full-chain");
        WorkflowsTest.copyWorkflow(WorkflowsTest.root().resolve("test-workflows").resolve("01-full-chain"), copy);
        var dest = copy.getParent().resolve("executed");
        assertEquals(BatchExecutor.EXIT_SUCCESS, BatchExecutor.mainRun("-workflowDir=" + copy, "-reset",
            "-destDir=" + dest));
        Path port;
        try (var files = Files.walk(dest)) {
            port = files.filter(Files::isRegularFile).filter(HostileModelPortTest::holdsModel).findFirst()
                .orElse(null);
        }
        assertNotNull(port, "the saved workflow holds the learner's model port");
        plantBomb(port);

        long before = residentBytes();
        var loaded = WorkflowManager.loadProject(dest.toFile(), new ExecutionMonitor(),
            new WorkflowLoadHelper(WorkflowContextV2.forTemporaryWorkflow(dest, null)));
        var wfm = loaded.getWorkflowManager();
        try {
            NodeContainer sampler = wfm.getNodeContainers().stream().filter(n -> n.getName().equals("ODE Sampler"))
                .findFirst().orElseThrow();
            wfm.resetAndConfigureNode(sampler.getID());
            wfm.executeUpToHere(sampler.getID());
            wfm.waitWhileInExecution(5, java.util.concurrent.TimeUnit.MINUTES);
            var message = sampler.getNodeMessage();
            assertEquals(NodeMessage.Type.ERROR, message.getMessageType(), "the sampler fails: " + message);
            assertTrue(message.getMessage().contains("entry \"ema-weights.djl\" declares 1073741824 bytes, but the"
                + " architecture in model.json needs at most") && !message.getMessage().contains("Exception"),
                message.getMessage());
            long grown = residentBytes() - before;
            assertTrue(grown < 1L << 30, "resident memory grew by " + (grown >> 20) + " MB");
        } finally {
            WorkflowManager.ROOT.removeProject(wfm.getID());
        }
    }

    private static boolean holdsModel(final Path file) {
        try (var zip = new ZipFile(file.toFile())) {
            return zip.getEntry(MODEL_ENTRY) != null;
        } catch (IOException e) {
            return false; // not a zip
        }
    }

    /** Rewrites the port file with the model's weights entry declared, and stored, as 1 GiB of zeros. */
    private static void plantBomb(final Path port) throws IOException {
        var entries = new LinkedHashMap<String, byte[]>();
        try (var zip = new ZipFile(port.toFile())) {
            for (var e : java.util.Collections.list(zip.entries())) {
                entries.put(e.getName(), zip.getInputStream(e).readAllBytes());
            }
        }
        String header;
        try (var model = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(entries.get(MODEL_ENTRY)))) {
            model.getNextEntry();
            header = new String(model.readAllBytes(), StandardCharsets.UTF_8);
        }
        long gib = 1L << 30;
        var json = JsonParser.parseString(header).getAsJsonObject();
        json.getAsJsonObject("entries").getAsJsonObject("ema-weights.djl").addProperty("size", gib);
        var bomb = new java.io.ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bomb)) {
            zip.setLevel(9);
            zip.putNextEntry(new ZipEntry("model.json"));
            zip.write(json.toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("ema-weights.djl"));
            var zeros = new byte[1 << 20];
            for (long n = 0; n < gib; n += zeros.length) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        entries.put(MODEL_ENTRY, bomb.toByteArray());
        try (var zip = new ZipOutputStream(Files.newOutputStream(port))) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
    }

    private static long residentBytes() throws IOException {
        for (var line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS in /proc/self/status");
    }
}
