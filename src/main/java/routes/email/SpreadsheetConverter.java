package routes.email;

import org.apache.camel.Exchange;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;
import routes.shared.TempFiles;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Converts a spreadsheet to CSV as the original did (Roo): the first sheet only (or every sheet with
 * {@code allSheets}), rows 1..last and columns 1..last (leading empty rows and columns kept as empty cells),
 * separator {@code ,}, line end LF; whole numbers without {@code .0}, other numbers in Ruby float form, strings
 * double-quoted with inner quotes doubled, dates {@code 2019-08-27}, date-times {@code 2019-08-27T00:30:00+00:00},
 * booleans quoted lower case, formulas as their cached value. {@code .xlsx} is read with POI's streaming (SAX) reader,
 * never as a whole workbook; {@code .xls} (at most 65 536 rows) with HSSF. Any failure throws {@link Unprocessable}.
 */
public class SpreadsheetConverter {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'+00:00'", Locale.ROOT);

    private boolean allSheets;

    public SpreadsheetConverter(boolean allSheets) {
        setAllSheets(allSheets);
    }

    /** true = every sheet to {@code <key>.<sheet>.csv} (the original converted only the first). */
    public void setAllSheets(boolean allSheets) {
        this.allSheets = allSheets;
    }

    public SpreadsheetConverter() {
        this(false);
    }

    /**
     * The CSV files of {@code spreadsheet}: {@code <key>.csv}, or {@code <key>.<sheet>.csv} for every sheet; each key
     * unique in the email ({@link EmailKeys#replace}), so a sheet never overwrites an attachment named like it or
     * another sheet whose name sanitises the same. The sheets count towards the email's files ({@code email.max-files}):
     * a workbook whose sheets do not fit is unprocessable.
     */
    public List<IncomingFile> convert(IncomingFile spreadsheet, Exchange exchange) {
        List<IncomingFile> sheets = sheets(spreadsheet);
        EmailScope scope = EmailScope.of(exchange);
        scope.checkRoomFor(spreadsheet.name(), sheets.size(), "sheets");
        scope.replaced(sheets.size());
        return EmailKeys.replace(exchange, spreadsheet, sheets);
    }

    private List<IncomingFile> sheets(IncomingFile spreadsheet) {
        List<Path> written = new ArrayList<>();
        try {
            List<NamedCsv> sheets = switch (FileRouter.sniff(spreadsheet.file())) {
                case OLE -> convertXls(spreadsheet.file(), written);
                case XLSX -> convertXlsx(spreadsheet.file(), written);
                default -> throw new Unprocessable("'" + spreadsheet.name() + "' is not an .xls or .xlsx spreadsheet");
            };
            if (sheets.isEmpty()) {
                throw new Unprocessable("'" + spreadsheet.name() + "' has no sheets");
            }
            List<IncomingFile> out = new ArrayList<>();
            for (NamedCsv sheet : sheets) {
                String suffix = allSheets ? "." + safeSheetName(sheet.sheetName()) + ".csv" : ".csv";
                out.add(new IncomingFile(spreadsheet.emailId(), spreadsheet.name() + suffix, spreadsheet.key() + suffix,
                        sheet.file(), "text/csv", spreadsheet.depth()));
            }
            return out;
        } catch (Unprocessable e) {
            written.forEach(TempFiles::delete);
            throw e;
        } catch (Exception | LinkageError e) {
            written.forEach(TempFiles::delete);
            throw new Unprocessable("'" + spreadsheet.name() + "' could not be converted: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
    }

    private record NamedCsv(String sheetName, Path file) {
    }

    // ---- .xls (BIFF) ----

    private List<NamedCsv> convertXls(Path file, List<Path> written) throws IOException {
        List<NamedCsv> out = new ArrayList<>();
        try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true); HSSFWorkbook workbook = new HSSFWorkbook(fs.getRoot(), false)) {
            int sheets = allSheets ? workbook.getNumberOfSheets() : Math.min(1, workbook.getNumberOfSheets());
            for (int i = 0; i < sheets; i++) {
                Sheet sheet = workbook.getSheetAt(i);
                Path csv = Files.createTempFile(file.toAbsolutePath().getParent(), "sheet-", ".csv");
                written.add(csv);
                int lastRow = -1;
                int lastColumn = -1;
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        if (!render(cell).isEmpty()) {
                            lastRow = Math.max(lastRow, row.getRowNum());
                            lastColumn = Math.max(lastColumn, cell.getColumnIndex());
                        }
                    }
                }
                try (Writer writer = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                    for (int r = 0; r <= lastRow; r++) {
                        Row row = sheet.getRow(r);
                        for (int c = 0; c <= lastColumn; c++) {
                            if (c > 0) {
                                writer.write(',');
                            }
                            Cell cell = row == null ? null : row.getCell(c);
                            if (cell != null) {
                                writer.write(render(cell));
                            }
                        }
                        writer.write('\n');
                    }
                }
                out.add(new NamedCsv(sheet.getSheetName(), csv));
            }
        }
        return out;
    }

    private static String render(Cell cell) {
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case NUMERIC -> DateUtil.isCellDateFormatted(cell)
                    ? date(cell.getNumericCellValue(), cell.getCellStyle().getDataFormatString(), cell.getSheet().getWorkbook() instanceof org.apache.poi.ss.usermodel.Date1904Support d && d.isDate1904())
                    : number(cell.getNumericCellValue());
            case STRING -> quoted(cell.getStringCellValue());
            case BOOLEAN -> quoted(Boolean.toString(cell.getBooleanCellValue()));
            case ERROR -> quoted(org.apache.poi.ss.usermodel.FormulaError.forInt(cell.getErrorCellValue()).getString());
            default -> "";
        };
    }

    // ---- .xlsx (streaming) ----

    private List<NamedCsv> convertXlsx(Path file, List<Path> written) throws Exception {
        List<NamedCsv> out = new ArrayList<>();
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
            StylesTable styles = reader.getStylesTable();
            boolean date1904 = workbookUses1904(reader);
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            while (sheets.hasNext()) {
                String sheetName;
                SheetHandler measure = new SheetHandler(strings, styles, date1904, null);
                try (InputStream sheet = sheets.next()) {
                    sheetName = sheets.getSheetName();
                    parse(sheet, measure);
                }
                Path csv = Files.createTempFile(file.toAbsolutePath().getParent(), "sheet-", ".csv");
                written.add(csv);
                try (BufferedWriter writer = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
                     InputStream again = sheets.getSheetPart().getInputStream()) {
                    SheetHandler write = new SheetHandler(strings, styles, date1904, writer);
                    write.lastRow = measure.lastRow;
                    write.lastColumn = measure.lastColumn;
                    parse(again, write);
                    write.finish();
                }
                out.add(new NamedCsv(sheetName, csv));
                if (!allSheets) {
                    break;
                }
            }
        }
        return out;
    }

    private static boolean workbookUses1904(XSSFReader reader) {
        try (InputStream workbook = reader.getWorkbookData()) {
            String head = new String(workbook.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            return head.matches("(?s).*date1904=\"(1|true)\".*");
        } catch (Exception e) {
            return false;
        }
    }

    private static void parse(InputStream sheet, DefaultHandler handler) throws Exception {
        XMLReader parser = XMLHelper.newXMLReader();
        parser.setContentHandler(handler);
        parser.parse(new InputSource(sheet));
    }

    /** Reads a worksheet's XML by local names (so the {@code x:} namespace prefix some producers use works). */
    private static final class SheetHandler extends DefaultHandler {
        private final ReadOnlySharedStringsTable strings;
        private final StylesTable styles;
        private final boolean date1904;
        private final Writer writer;
        int lastRow = -1;
        int lastColumn = -1;
        private int rowIndex = -1;
        private int nextRowToWrite;
        private final TreeMap<Integer, String> rowCells = new TreeMap<>();
        private int column;
        private int nextColumn;
        private String type;
        private int style;
        private boolean inValue;
        private boolean inInlineText;
        private final StringBuilder text = new StringBuilder();

        SheetHandler(ReadOnlySharedStringsTable strings, StylesTable styles, boolean date1904, Writer writer) {
            this.strings = strings;
            this.styles = styles;
            this.date1904 = date1904;
            this.writer = writer;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            String name = localName == null || localName.isEmpty() ? qName.substring(qName.indexOf(':') + 1) : localName;
            switch (name) {
                case "row" -> {
                    String r = attributes.getValue("r");
                    rowIndex = r == null ? rowIndex + 1 : Integer.parseInt(r) - 1;
                    rowCells.clear();
                    nextColumn = 0;
                }
                case "c" -> {
                    String ref = attributes.getValue("r");
                    column = ref == null ? nextColumn : new CellReference(ref).getCol();
                    nextColumn = column + 1;
                    type = attributes.getValue("t");
                    String s = attributes.getValue("s");
                    style = s == null ? -1 : Integer.parseInt(s);
                    text.setLength(0);
                }
                case "v" -> {
                    inValue = true;
                    text.setLength(0);
                }
                case "t" -> {
                    if ("inlineStr".equals(type)) {
                        inInlineText = true;
                    }
                }
                default -> {
                }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (inValue || inInlineText) {
                text.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws org.xml.sax.SAXException {
            String name = localName == null || localName.isEmpty() ? qName.substring(qName.indexOf(':') + 1) : localName;
            switch (name) {
                case "v" -> inValue = false;
                case "t" -> inInlineText = false;
                case "c" -> {
                    String value = text.length() == 0 && !"inlineStr".equals(type) && !"str".equals(type) ? "" : value(text.toString());
                    if (!value.isEmpty()) {
                        rowCells.put(column, value);
                        lastRow = Math.max(lastRow, rowIndex);
                        lastColumn = Math.max(lastColumn, column);
                    }
                    text.setLength(0);
                }
                case "row" -> writeRow();
                default -> {
                }
            }
        }

        private String value(String raw) {
            if (type == null || type.equals("n")) {
                if (raw.isEmpty()) {
                    return "";
                }
                double number = Double.parseDouble(raw);
                if (style >= 0 && style < styles.getNumCellStyles()) {
                    XSSFCellStyle cellStyle = styles.getStyleAt(style);
                    String format = cellStyle.getDataFormatString();
                    if (DateUtil.isADateFormat(cellStyle.getDataFormat(), format) && DateUtil.isValidExcelDate(number)) {
                        return date(number, format, date1904);
                    }
                }
                return number(number);
            }
            return switch (type) {
                case "s" -> quoted(strings.getItemAt(Integer.parseInt(raw.trim())).getString());
                case "inlineStr", "str" -> quoted(raw);
                case "b" -> quoted(raw.equals("1") || raw.equalsIgnoreCase("true") ? "true" : "false");
                case "e" -> quoted(raw);
                case "d" -> raw.length() > 10 ? raw.substring(0, 19) + "+00:00" : raw;
                default -> quoted(raw);
            };
        }

        private void writeRow() throws org.xml.sax.SAXException {
            if (writer == null || rowIndex > lastRow) {
                return;
            }
            try {
                while (nextRowToWrite < rowIndex) {
                    emptyRow();
                }
                for (int c = 0; c <= lastColumn; c++) {
                    if (c > 0) {
                        writer.write(',');
                    }
                    String value = rowCells.get(c);
                    if (value != null) {
                        writer.write(value);
                    }
                }
                writer.write('\n');
                nextRowToWrite = rowIndex + 1;
            } catch (IOException e) {
                throw new org.xml.sax.SAXException(e);
            }
        }

        private void emptyRow() throws IOException {
            for (int c = 0; c < lastColumn; c++) {
                writer.write(',');
            }
            writer.write('\n');
            nextRowToWrite++;
        }

        void finish() throws IOException {
            while (nextRowToWrite <= lastRow) {
                emptyRow();
            }
        }
    }

    // ---- rendering shared by both readers ----

    /** Whole numbers as integers; others as Ruby's {@code Float#to_s} prints them. */
    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == Math.rint(value)) {
            return new BigDecimal(value).toPlainString();
        }
        BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        int exponent = decimal.precision() - decimal.scale() - 1;
        if (exponent >= -4 && exponent < 16) {
            return decimal.toPlainString();
        }
        String digits = decimal.unscaledValue().abs().toString();
        String mantissa = digits.charAt(0) + "." + (digits.length() > 1 ? digits.substring(1) : "0");
        return (value < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
    }

    static String date(double excelDate, String format, boolean date1904) {
        LocalDateTime time = DateUtil.getLocalDateTime(excelDate, date1904, true);
        return hasTime(format) ? DATE_TIME.format(time) : DATE.format(time);
    }

    private static boolean hasTime(String format) {
        if (format == null) {
            return false;
        }
        String unquoted = format.replaceAll("\"[^\"]*\"", "").replaceAll("\\[[^\\]]*\\]", "").toLowerCase(Locale.ROOT);
        return unquoted.contains("h") || unquoted.contains("s");
    }

    static String quoted(String text) {
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    static String safeSheetName(String sheet) {
        String safe = sheet.replaceAll("[^A-Za-z0-9._ -]", "_").strip();
        return safe.isEmpty() ? "sheet" : safe;
    }

}
