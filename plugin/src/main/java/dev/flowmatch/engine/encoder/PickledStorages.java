package dev.flowmatch.engine.encoder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the tensor declarations of a TorchScript archive's pickle ({@code data.pkl}, {@code constants.pkl})
 * without constructing or calling anything, so that every storage's declared size can be compared with the record
 * that holds its bytes before libtorch sees the file. libtorch trusts both numbers: a storage that declares more
 * elements than its record holds, or a tensor view that reaches past its storage, reads memory beyond the record
 * (leftover heap as embedding values, or a crash of the whole JVM).
 *
 * <p>Why not a general unpickler (Pyrolite): those build objects and refuse calls they do not know; this check
 * must instead pass over every call (TorchScript pickles its module classes, lists and dicts with them) and see
 * only the two things that decide memory safety, the persistent storage ids and the tensor views built on them.
 * Only the opcodes of protocols 0–4 that carry no code are read; any other opcode refuses the file.
 */
final class PickledStorages {

    /** A storage as declared by a persistent id: ('storage', torch.XStorage, key, location, numel). */
    record Storage(String type, String key, long numel) {
    }

    /** A tensor view: storage, offset, sizes and strides, as passed to torch._utils._rebuild_tensor_v2. */
    record View(Storage storage, long offset, long[] size, long[] stride) {
    }

    private record Global(String module, String name) {
    }

    /** Anything this check does not need to look inside (objects, lists, dicts, results of calls). */
    private static final Object OPAQUE = new Object();

    private static final Object MARK = new Object();

    private final ByteBuffer m_in;

    private final String m_label;

    private final List<Object> m_stack = new ArrayList<>();

    private final Map<Long, Object> m_memo = new HashMap<>();

    private final List<Storage> m_storages = new ArrayList<>();

    private final List<View> m_views = new ArrayList<>();

    private PickledStorages(final byte[] pickle, final String label) {
        m_in = ByteBuffer.wrap(pickle).order(ByteOrder.LITTLE_ENDIAN);
        m_label = label;
    }

    /** The storages and views a pickle declares. */
    record Declarations(List<Storage> storages, List<View> views) {
    }

    /**
     * @param label the pickle's name inside the archive, for messages
     * @throws IOException when the pickle is cut short, malformed, or uses an opcode or tensor form this check does
     *             not read
     */
    static Declarations read(final byte[] pickle, final String label) throws IOException {
        var p = new PickledStorages(pickle, label);
        try {
            p.run();
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException | ClassCastException e) {
            throw new IOException(label + " is malformed (at byte " + p.m_in.position() + ").", e);
        }
        return new Declarations(p.m_storages, p.m_views);
    }

    private void run() throws IOException {
        while (true) {
            int op = m_in.get() & 0xff;
            switch (op) {
                case 0x80 -> m_in.get(); // PROTO
                case 0x95 -> m_in.getLong(); // FRAME
                case '.' -> { // STOP
                    return;
                }
                case '(' -> push(MARK);
                case ')' -> push(List.of());
                case 't' -> push(List.copyOf(popToMark()));
                case 0x85 -> push(List.of(pop()));
                case 0x86 -> {
                    var b = pop();
                    push(List.of(pop(), b));
                }
                case 0x87 -> {
                    var c = pop();
                    var b = pop();
                    push(List.of(pop(), b, c));
                }
                case ']', '}' -> push(OPAQUE); // EMPTY_LIST, EMPTY_DICT
                case 'a', 's' -> pop(op == 'a' ? 1 : 2); // APPEND, SETITEM onto the list or dict below
                case 'e', 'u' -> popToMark(); // APPENDS, SETITEMS
                case '0' -> pop(); // POP
                case '1' -> popToMark(); // POP_MARK
                case '2' -> push(top()); // DUP
                case 'N', 0x88, 0x89 -> push(OPAQUE); // NONE, NEWTRUE, NEWFALSE
                case 'J' -> push((long)m_in.getInt());
                case 'K' -> push((long)(m_in.get() & 0xff));
                case 'M' -> push((long)(m_in.getShort() & 0xffff));
                case 0x8a -> push(longOf(m_in.get() & 0xff)); // LONG1
                case 0x8b -> push(longOf(m_in.getInt())); // LONG4
                case 'G' -> { // BINFLOAT: its value is never needed
                    m_in.getDouble();
                    push(OPAQUE);
                }
                case 'X', 'B' -> push(text(m_in.getInt())); // BINUNICODE, BINBYTES
                case 0x8c, 'C', 'U' -> push(text(m_in.get() & 0xff)); // SHORT_BINUNICODE, SHORT_BINBYTES/STRING
                case 'T' -> push(text(m_in.getInt())); // BINSTRING
                case 'c' -> push(new Global(line(), line())); // GLOBAL
                case 0x93 -> { // STACK_GLOBAL
                    var name = pop();
                    push(new Global(String.valueOf(pop()), String.valueOf(name)));
                }
                case 'q' -> m_memo.put((long)(m_in.get() & 0xff), top()); // BINPUT
                case 'r' -> m_memo.put(m_in.getInt() & 0xffffffffL, top()); // LONG_BINPUT
                case 0x94 -> m_memo.put((long)m_memo.size(), top()); // MEMOIZE
                case 'h' -> push(memo(m_in.get() & 0xff)); // BINGET
                case 'j' -> push(memo(m_in.getInt() & 0xffffffffL)); // LONG_BINGET
                case 'Q' -> push(storage(pop())); // BINPERSID
                case 'R' -> { // REDUCE: callable(*args), never called here
                    var args = pop();
                    push(reduce(pop(), args));
                }
                case 0x81 -> { // NEWOBJ: cls.__new__(cls, *args)
                    pop(2);
                    push(OPAQUE);
                }
                case 'b' -> pop(); // BUILD: the state goes into the object below
                default -> throw new IOException(m_label + " uses pickle opcode 0x" + Integer.toHexString(op)
                    + " at byte " + (m_in.position() - 1) + ", which this check does not read; refused.");
            }
        }
    }

    private Object storage(final Object pid) throws IOException {
        if (pid instanceof List<?> t && t.size() == 5 && "storage".equals(t.get(0)) && t.get(1) instanceof Global g
            && g.module().equals("torch") && t.get(2) instanceof String key && t.get(4) instanceof Long numel
            && numel >= 0) {
            var s = new Storage(g.name(), key, numel);
            m_storages.add(s);
            return s;
        }
        throw new IOException(m_label + " holds a persistent reference that is not a tensor storage; refused.");
    }

    private Object reduce(final Object callable, final Object args) throws IOException {
        var a = args instanceof List<?> l ? l : List.of();
        boolean storageArgument = a.stream().anyMatch(Storage.class::isInstance);
        if (callable instanceof Global g && g.module().equals("torch._utils")
            && (g.name().equals("_rebuild_tensor_v2") || g.name().equals("_rebuild_tensor")
                || g.name().equals("_rebuild_qtensor"))
            && a.size() >= 4 && a.get(0) instanceof Storage s && a.get(1) instanceof Long offset) {
            m_views.add(new View(s, offset, longs(a.get(2)), longs(a.get(3))));
        } else if (storageArgument) {
            throw new IOException(m_label + " builds a tensor with "
                + (callable instanceof Global g ? g.module() + "." + g.name() : "a computed callable") + ", a form whose bounds this check cannot verify; refused.");
        }
        return OPAQUE;
    }

    private long[] longs(final Object tuple) throws IOException {
        if (!(tuple instanceof List<?> l)) {
            throw new IOException(m_label + " declares a tensor whose sizes or strides are not a tuple; refused.");
        }
        var out = new long[l.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(l.get(i) instanceof Long v)) {
                throw new IOException(m_label + " declares a tensor size or stride that is not an integer; refused.");
            }
            out[i] = v;
        }
        return out;
    }

    /** @return a little-endian two's-complement integer of n bytes, or OPAQUE when it does not fit a long */
    private Object longOf(final int n) throws IOException {
        if (n < 0 || n > m_in.remaining()) {
            throw new IOException(m_label + " is malformed: an integer of " + n + " bytes.");
        }
        var bytes = new byte[n];
        m_in.get(bytes);
        if (n > 8) {
            return OPAQUE;
        }
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (bytes[i] & 0xff);
        }
        return n == 0 ? 0L : (v << (64 - 8 * n)) >> (64 - 8 * n);
    }

    private String text(final int length) throws IOException {
        if (length < 0 || length > m_in.remaining()) {
            throw new IOException(m_label + " is malformed: a string of " + length + " bytes with "
                + m_in.remaining() + " left.");
        }
        var bytes = new byte[length];
        m_in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private String line() throws IOException {
        int start = m_in.position();
        while (m_in.get() != '\n') {
            if (m_in.position() - start > 4096) {
                throw new IOException(m_label + " is malformed: a name longer than 4096 bytes.");
            }
        }
        return new String(m_in.array(), start, m_in.position() - start - 1, StandardCharsets.UTF_8);
    }

    private Object memo(final long index) throws IOException {
        var v = m_memo.get(index);
        if (v == null) {
            throw new IOException(m_label + " is malformed: it reads memo " + index + " before writing it.");
        }
        return v;
    }

    private void push(final Object v) {
        m_stack.add(v);
    }

    private Object top() {
        return m_stack.get(m_stack.size() - 1);
    }

    private Object pop() {
        var v = m_stack.remove(m_stack.size() - 1);
        if (v == MARK) {
            throw new IndexOutOfBoundsException("mark");
        }
        return v;
    }

    private void pop(final int n) {
        for (int i = 0; i < n; i++) {
            pop();
        }
    }

    private List<Object> popToMark() {
        int mark = m_stack.lastIndexOf(MARK);
        if (mark < 0) {
            throw new IndexOutOfBoundsException("no mark");
        }
        var items = new ArrayList<>(m_stack.subList(mark + 1, m_stack.size()));
        m_stack.subList(mark, m_stack.size()).clear();
        return items;
    }

}
