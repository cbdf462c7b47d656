package org.knime.chem.types;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataCellDataInput;
import org.knime.core.data.DataCellDataOutput;
import org.knime.core.data.DataCellSerializer;

/**
 * Stores a text-valued molecule cell in KNIME's tables as its UTF-8 bytes with their length (writeUTF would cap a
 * record at 64 kB). Registered through the org.knime.core.DataType extension point (plugin.xml), as every cell
 * type of a KNIME bundle is, so that saved tables with molecule cells load again.
 */
abstract class TextCellSerializer<T extends DataCell> implements DataCellSerializer<T> {

    private final Function<T, String> m_text;

    private final Function<String, T> m_cell;

    TextCellSerializer(final Function<T, String> text, final Function<String, T> cell) {
        m_text = text;
        m_cell = cell;
    }

    @Override
    public void serialize(final T cell, final DataCellDataOutput output) throws IOException {
        var bytes = m_text.apply(cell).getBytes(StandardCharsets.UTF_8);
        output.writeInt(bytes.length);
        output.write(bytes);
    }

    @Override
    public T deserialize(final DataCellDataInput input) throws IOException {
        int n = input.readInt();
        if (n < 0) {
            throw new IOException("A molecule cell declares " + n + " bytes.");
        }
        var bytes = new byte[n];
        input.readFully(bytes);
        return m_cell.apply(new String(bytes, StandardCharsets.UTF_8));
    }

    /** Serializer of {@link SdfCell}. */
    public static final class Sdf extends TextCellSerializer<SdfCell> {
        public Sdf() {
            super(SdfCell::getSdfValue, SdfCell::new);
        }
    }

    /** Serializer of {@link SmilesCell}. */
    public static final class Smiles extends TextCellSerializer<SmilesCell> {
        public Smiles() {
            super(SmilesCell::getSmilesValue, SmilesCell::new);
        }
    }
}
