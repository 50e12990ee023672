package org.cipnet.linking;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the records of {@code cipnet link} from a CSV file with a header row, strictly: bytes that
 * are not valid in the encoding, a header without a requested column, a header that looks
 * separated by another delimiter, or a row with more or fewer fields than the header are errors
 * naming the file, the line and the column.
 */
public final class RecordFile {
    private RecordFile() {}

    /** One row: its line in the file and its values by column name. */
    public record Row(long line, Map<String, String> values) {
        public String get(String column) {
            String v = column == null ? null : values.get(column);
            return v == null ? "" : v.strip();
        }
    }

    /** A file that cannot be read as asked, with what and where. */
    public static final class InputError extends Exception {
        public InputError(String message) { super(message); }
    }

    /**
     * @param columns the columns that must be in the header (nulls are ignored)
     */
    public static List<Row> read(Path file, char delimiter, Charset charset, List<String> columns) throws InputError {
        String text = decode(file, charset);
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true).get();
        List<Row> out = new ArrayList<>();
        try (CSVParser p = format.parse(new StringReader(text))) {
            List<String> header = p.getHeaderNames();
            for (String c : columns) {
                if (c == null || header.contains(c)) continue;
                String hint = "";
                if (header.size() == 1)
                    for (char d : new char[] {';', '\t', ',', '|'})
                        if (d != delimiter && header.get(0).indexOf(d) >= 0) hint = "; the header looks separated by '" + (d == '\t' ? "\\t" : String.valueOf(d)) + "': use --delimiter";
                throw new InputError(file + ":1: no column '" + c + "' in the header (columns: " + String.join(", ", header) + ")" + hint);
            }
            long line = 1;
            for (CSVRecord r : p) {
                long start = line + 1;
                line = p.getCurrentLineNumber();
                if (r.size() != header.size())
                    throw new InputError(file + ":" + start + ": " + r.size() + " fields where the header has " + header.size()
                            + (r.size() > header.size() ? " (a value with an unquoted '" + delimiter + "'?)" : " (a different delimiter, or a missing value?)"));
                Map<String, String> values = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) values.put(header.get(i), r.get(i));
                out.add(new Row(start, values));
            }
        } catch (UncheckedIOException | IOException | IllegalStateException | IllegalArgumentException e) {
            String m = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new InputError(file + ": cannot read as CSV: " + m);
        }
        return out;
    }

    /** The file's text; the first byte that is not valid in {@code charset} is an error with its line. */
    private static String decode(Path file, Charset charset) throws InputError {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputError(file + ": cannot read: " + e.getMessage());
        }
        CharsetDecoder d = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate((int) (bytes.length * (double) d.maxCharsPerByte()) + 16);
        CoderResult r = d.decode(in, out, true);
        if (r.isError()) {
            int at = in.position(), line = 1, col = 1;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') { line++; col = 1; }
                else if ((bytes[i] & 0xC0) != 0x80) col++;
            }
            throw new InputError(file + ":" + line + ":" + col + ": byte 0x" + String.format("%02X", bytes[at] & 0xFF) + " is not valid " + charset.name()
                    + " (save the file as " + charset.name() + ", or give its encoding with --encoding, e.g. --encoding windows-1252)");
        }
        d.flush(out);
        out.flip();
        return out.toString();
    }
}
