package dev.flowmatch.mainjob;

/**
 * Text cells of the CSV files the main job writes: quoted as RFC 4180 asks, and neutralised as OWASP recommends
 * against CSV injection: a cell that begins with =, +, -, @, a tab or a carriage return would be read as a
 * formula by spreadsheet programs, so it gets a leading apostrophe (shown by them as text). Molecule titles and
 * reasons come from user files, so they are never trusted.
 */
final class CsvCells {

    private CsvCells() {
    }

    /** @return the value as one quoted, neutralised CSV cell (line breaks become spaces) */
    static String text(final String value) {
        var v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return "\"" + v.replace("\"", "\"\"").replace("\r", " ").replace("\n", " ") + "\"";
    }
}
