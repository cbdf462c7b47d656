package dev.flowmatch.engine.encoder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a TorchScript file without Python: the zip layout torch.jit.save produces (code as TorchScript
 * source, the module object as a protocol-2 pickle, the one float parameter as a raw little-endian tensor
 * record). Enough for a test to make its own model and check what the encoder returns.
 */
final class TorchScriptArchive {

    private final ByteArrayOutputStream m_pickle = new ByteArrayOutputStream();

    private TorchScriptArchive() {
    }

    /**
     * @param className the module's class in {@code __torch__}
     * @param forward the forward method's TorchScript source, indented by four spaces, using {@code self.w}
     * @param weight the parameter w, row-major
     */
    static void write(final Path file, final String className, final String forward, final float[] weight,
        final int rows, final int cols) throws IOException {
        write(file, className, forward, weight, rows, cols, rows * cols, rows);
    }

    /**
     * A file whose pickle may lie about its tensor: the storage declares {@code declaredElements} while its record
     * holds the weight's floats, and the view over it has {@code viewRows} rows of {@code cols}.
     */
    static void write(final Path file, final String className, final String forward, final float[] weight,
        final int rows, final int cols, final int declaredElements, final int viewRows) throws IOException {
        var code = "class " + className + "(Module):\n"
            + "  __parameters__ = [\"w\", ]\n"
            + "  __buffers__ = []\n"
            + "  w : Tensor\n"
            + "  training : bool\n"
            + forward;
        var p = new TorchScriptArchive();
        p.op(0x80).op(2);
        p.global("__torch__", className).op(')').op(0x81); // cls.__new__(cls)
        p.op('}').op('(');
        p.string("training").op(0x89); // False: eval mode
        p.string("w");
        p.global("torch._utils", "_rebuild_tensor_v2").op('(');
        p.op('(').string("storage").global("torch", "FloatStorage").string("0").string("cpu").integer(declaredElements)
            .op('t').op('Q'); // persistent id → the record data/0
        p.integer(0).integer(viewRows).integer(cols).op(0x86).integer(cols).integer(1).op(0x86).op(0x89);
        p.global("collections", "OrderedDict").op(')').op('R');
        p.op('t').op('R');
        p.op('u').op('b').op('.');
        var data = ByteBuffer.allocate(4 * weight.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float w : weight) {
            data.putFloat(w);
        }
        try (var zip = new ZipOutputStream(Files.newOutputStream(file))) {
            entry(zip, "model/version", "3\n".getBytes(StandardCharsets.US_ASCII));
            entry(zip, "model/code/__torch__.py", code.getBytes(StandardCharsets.UTF_8));
            entry(zip, "model/data.pkl", p.m_pickle.toByteArray());
            entry(zip, "model/constants.pkl", new byte[] {(byte)0x80, 2, ')', '.'});
            entry(zip, "model/data/0", data.array());
        }
    }

    private static void entry(final ZipOutputStream zip, final String name, final byte[] bytes) throws IOException {
        var e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED); // libtorch expects stored (uncompressed) records
        e.setSize(bytes.length);
        var crc = new java.util.zip.CRC32();
        crc.update(bytes);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }

    private TorchScriptArchive op(final int code) {
        m_pickle.write(code);
        return this;
    }

    private TorchScriptArchive global(final String module, final String name) {
        op('c');
        m_pickle.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
        return this;
    }

    private TorchScriptArchive string(final String s) {
        var b = s.getBytes(StandardCharsets.UTF_8);
        op('X');
        m_pickle.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array());
        m_pickle.writeBytes(b);
        return this;
    }

    private TorchScriptArchive integer(final int v) {
        op('J');
        m_pickle.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
        return this;
    }
}
