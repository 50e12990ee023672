package org.cipnet.rdf;

import java.nio.file.Path;

/** A parse error with its position, printed the way compilers do: {@code file:line:column: message}. */
public final class RdfSyntaxException extends RdfInputException {
    private final Path file;
    private final long line;
    private final long column;
    private final String detail;

    public RdfSyntaxException(Path file, long line, long column, String detail) {
        super(format(file, line, column, detail));
        this.file = file;
        this.line = line;
        this.column = column;
        this.detail = detail;
    }

    private static String format(Path file, long line, long column, String detail) {
        StringBuilder sb = new StringBuilder(String.valueOf(file));
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) sb.append(':').append(column);
        }
        return sb.append(": syntax error: ").append(detail).toString();
    }

    public Path file() { return file; }

    /** 1-based line, or -1 when the parser gave none. */
    public long line() { return line; }

    /** 1-based column, or -1 when the parser gave none. */
    public long column() { return column; }

    /** The parser's own message, without the position. */
    public String detail() { return detail; }
}
