package org.knime.node.parameters.widget.choices.util;

/** Stand-in: which input port's table a column provider reads (the first by default). */
public interface InputTableIndexHolder {

    default int getInputTableIndex() {
        return 0;
    }
}
