package org.knime.core.data;

/** Marker for the value interfaces a cell implements; columns are matched by value, not by cell class. */
public interface DataValue {
}
