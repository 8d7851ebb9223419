package routes.email;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Synthetic fixtures with the structure (and, where the reference gives them, the exact sizes) of the original
 * pipeline's spec fixtures (reference Part B §B.8). Nothing here is copied from the original repository.
 */
public final class Fixtures {
    public static final String SHEFFIELD_ENTRY = "4003063_9232_Export_20181108_120524_290.csv";
    public static final String SHEFFIELD_ZIP = "4003063_9232_Export_20181108_120524_290.zip";
    public static final String FWD_ENTRY = "4003063_9232_Export_20190227_120407_366.csv";
    public static final String FWD_ZIP = "4003063_9232_Export_20190227_120407_366.zip";
    public static final String IMSERV_LINK = "https://datavision.imserv.com/imgserver/InternalImage.aspx?cbmsimgid=1111aaaZZZ%3D&mode=View";

    private Fixtures() {
    }

    // ---------------------------------------------------------------- CSV files

    /** sheffield_export.csv: 17350 bytes, CRLF, header of 99 columns + 24 rows (12 schools x 2 dates). */
    public static byte[] sheffieldExport() {
        return sheffieldCsv(12, new String[] {"06/11/2018", "07/11/2018"}, 9, 17350);
    }

    /** The CSV inside the forwarded email's zip: 30452 bytes, 47 lines, same 99-column format. */
    public static byte[] forwardedExport() {
        return sheffieldCsv(23, new String[] {"26/02/2019", "27/02/2019"}, 8, 30452);
    }

    private static byte[] sheffieldCsv(int schools, String[] dates, int decimals, int totalBytes) {
        StringBuilder header = new StringBuilder("siteRef,MPAN,ConsumptionDate");
        for (int i = 1; i <= 48; i++) {
            header.append(",kWh_").append(i);
        }
        for (int i = 1; i <= 48; i++) {
            header.append(",kVArh_").append(i);
        }
        header.append("\r\n");
        String[] bases = {"Valley Park Primary Sch", "Abbey Lane Primary", "Ecclesall Infant School", "Hunters Bar Junior",
            "Lowfield Community Primary", "Mundella Primary", "Nether Edge Primary", "Porter Croft Primary",
            "Sharrow Nursery Infant", "Totley All Saints", "Walkley Primary", "Woodseats Primary",
            "Athelstan Primary", "Birley Spa Primary", "Dobcroft Junior", "Greystones Primary", "Holt House Infant",
            "Lydgate Junior", "Meersbrook Bank Primary", "Netherthorpe Primary", "Owler Brook Primary",
            "Pipworth Community", "Rivelin Primary"};
        // every row is <name> + a fixed number of bytes: pad names so the file has exactly totalBytes
        int fixed = 1 + 13 + 1 + 10 + 48 * (3 + decimals) + 48 + 2; // commas, MPAN, date, 48 "n.nnn" values, 48 empty, CRLF
        int nameBudget = (totalBytes - header.length() - schools * dates.length * fixed) / dates.length;
        List<String> names = new ArrayList<>();
        int used = 0;
        for (int s = 0; s < schools; s++) {
            names.add(bases[s]);
            used += bases[s].length();
        }
        int missing = nameBudget - used;
        for (int s = 0; missing > 0; s = (s + 1) % schools) {
            int add = Math.min(missing, 12);
            String suffix = (" Site " + "ABCDEFGHIJKL").substring(0, add);
            names.set(s, names.get(s) + suffix);
            missing -= add;
        }
        StringBuilder csv = new StringBuilder(header);
        for (int s = 0; s < schools; s++) {
            for (String date : dates) {
                csv.append(names.get(s)).append(',').append(2380000142498L + s).append(',').append(date);
                for (int h = 0; h < 48; h++) {
                    csv.append(',').append(String.format(java.util.Locale.ROOT, "%." + decimals + "f", 1 + ((s * 7 + h * 3) % 80) / 10.0));
                }
                csv.append(",".repeat(48)).append("\r\n");
            }
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.US_ASCII);
        if (bytes.length != totalBytes) {
            throw new IllegalStateException("sheffield fixture is " + bytes.length + " bytes, not " + totalBytes);
        }
        return bytes;
    }

    private static String crRow(String date, boolean wide) {
        StringBuilder row = new StringBuilder("2200013680374,211238227,").append(date);
        for (int i = 0; i < 48; i++) {
            row.append(',').append(wide && i == 20 ? "10.2" : "5.7");
        }
        return row.toString();
    }

    /** cr.csv: 679 bytes, 3 rows, rows 1-2 CRLF and row 3 LF. */
    public static byte[] cr() {
        String text = crRow("01/04/17", true) + "\r\n" + crRow("02/04/17", true) + "\r\n" + crRow("31/03/18", false) + "\n";
        return exact(text.getBytes(StandardCharsets.US_ASCII), 679);
    }

    /** cr_empty_lines.csv: 680 bytes, the same rows LF only, each followed by an empty line. */
    public static byte[] crEmptyLines() {
        String text = crRow("01/04/17", true) + "\n\n" + crRow("02/04/17", true) + "\n\n" + crRow("31/03/18", false) + "\n\n";
        return exact(text.getBytes(StandardCharsets.US_ASCII), 680);
    }

    static final String[] HIGHLANDS_KWH = {"4.6", "4.3", "4.1", "3.9", "12", "3.8", "3.7", "11", "3.5", "3.6", "3.4", "3.9", "4.0", "4.2", "4.5"};

    /**
     * highlands.csv: 1487 bytes. A UTF-16 BOM mangled into two U+FFFD (EF BF BD EF BF BD), then UTF-16LE text with LF
     * line ends and a blank line after every line, ending with a stray odd byte.
     */
    public static byte[] highlands() {
        StringBuilder text = new StringBuilder("sep=,\n\nMPR,ReadDatetime,kWh,ReadType\n\n");
        for (int i = 0; i < 15; i++) {
            int minutes = 30 + i * 30;
            text.append(String.format("1700051910531,27 Aug 2019 %02d:%02d:00,%s,Actual\n\n", minutes / 60, minutes % 60, HIGHLANDS_KWH[i]));
        }
        byte[] utf16 = text.toString().getBytes(StandardCharsets.UTF_16LE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD, (byte) 0xEF, (byte) 0xBF, (byte) 0xBD});
        out.write(utf16, 0, utf16.length - 1); // the final 00 lost: the file ends with a stray odd byte
        return exact(out.toByteArray(), 1487);
    }

    /** highlands-invalid-character.csv: 644 bytes, UTF-16LE with BOM FF FE, CRLF. */
    public static byte[] highlandsInvalidCharacter() {
        StringBuilder text = new StringBuilder("sep=,\r\nMPR,ReadDatetime,kWh,ReadType\r\n");
        String[] kwh = {"1.2", "1.1", "0.9", "1.0", "1.3"};
        for (int i = 0; i < 5; i++) {
            int minutes = 30 + i * 30;
            text.append(String.format("1700051513402,03 Sep 2019 %02d:%02d:00,%s,Actual\r\n", minutes / 60, minutes % 60, kwh[i]));
        }
        text.append("1700051906970,05 Sep 2019 00:00:00,20.2,Actual\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFE});
        out.writeBytes(text.toString().getBytes(StandardCharsets.UTF_16LE));
        return exact(out.toByteArray(), 644);
    }

    private static byte[] exact(byte[] bytes, int expected) {
        if (bytes.length != expected) {
            throw new IllegalStateException("fixture is " + bytes.length + " bytes, not " + expected);
        }
        return bytes;
    }

    // ---------------------------------------------------------------- archives and binaries

    private static final DefaultCamelContext CAMEL = new DefaultCamelContext();

    /** A fresh exchange: one email's worth of state (used keys, unzipped bytes) for the beans that keep it there. */
    public static Exchange exchange() {
        return new DefaultExchange(CAMEL);
    }

    public static byte[] zip(Object... namesAndContents) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                String name = (String) namesAndContents[i];
                ZipEntry entry = new ZipEntry(name);
                entry.setTime(1_541_678_724_000L); // fixed, so the same fixture is always the same bytes
                zip.putNextEntry(entry);
                if (!name.endsWith("/")) {
                    zip.write((byte[]) namesAndContents[i + 1]);
                }
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * About {@code bytes} bytes of half-hourly readings (ASCII, LF): compresses a few times over, far below any zip
     * bomb ratio, so only the byte limits apply to it. {@code seed} makes files of the same size differ.
     */
    public static byte[] meterReadings(int bytes, int seed) {
        StringBuilder csv = new StringBuilder(bytes + 64).append("mpan,date,period,kwh\n");
        for (int n = 0; csv.length() < bytes; n++) {
            csv.append(2380000142498L + seed).append(",2019-08-").append(10 + n % 20).append(',').append(n % 48)
                    .append(',').append((n * 7919 + seed) % 1000).append('.').append((n * 31) % 100).append('\n');
        }
        return csv.substring(0, bytes).getBytes(StandardCharsets.US_ASCII);
    }

    /** sheffield_export.zip: one entry, byte-identical to sheffield_export.csv. */
    public static byte[] sheffieldZip() {
        return zip(SHEFFIELD_ENTRY, sheffieldExport());
    }

    /** 1x1.png: a tiny PNG (signature, IHDR, IDAT, IEND). */
    public static byte[] png() {
        return Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
    }

    /** A JPEG header followed by filler: the "npower-eon_image.xlsx" that is really a JPEG. */
    public static byte[] jpeg() {
        byte[] bytes = new byte[2048];
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xD8;
        bytes[2] = (byte) 0xFF;
        bytes[3] = (byte) 0xE0;
        return bytes;
    }

    // ---------------------------------------------------------------- spreadsheets

    /** npower-eon_export.xlsx: one sheet "Half Hourly Data With Max Deman", A1:BA451. */
    public static byte[] npowerXlsx() {
        return npower(new XSSFWorkbook());
    }

    /** npower-eon_export.xls: the same content as legacy BIFF. */
    public static byte[] npowerXls() {
        return npower(new HSSFWorkbook());
    }

    private static byte[] npower(Workbook workbook) {
        try (workbook) {
            Sheet sheet = workbook.createSheet("Half Hourly Data With Max Deman");
            CellStyle dateStyle = workbook.createCellStyle();
            dateStyle.setDataFormat(workbook.createDataFormat().getFormat("dd/mm/yyyy"));
            Row header = sheet.createRow(0);
            String[] names = {"mpan", "rdate", "TotalConsumptionKwh", "MaxDemand", "colStatuskwh"};
            for (int c = 0; c < names.length; c++) {
                header.createCell(c).setCellValue(names[c]);
            }
            for (int h = 1; h <= 48; h++) {
                header.createCell(4 + h).setCellValue("Kwh" + h);
            }
            for (int r = 1; r <= 450; r++) {
                Row row = sheet.createRow(r);
                row.createCell(0).setCellValue(1012345678900L + (r % 5));
                var date = row.createCell(1);
                date.setCellValue(LocalDate.of(2019, 1, 1).plusDays(r / 5));
                date.setCellStyle(dateStyle);
                row.createCell(2).setCellValue(24 * 1.5 + r % 7);
                row.createCell(3).setCellValue(3.25);
                row.createCell(4).setCellValue("A");
                for (int h = 1; h <= 48; h++) {
                    row.createCell(4 + h).setCellValue(h % 4 == 0 ? 2 : 0.75);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * bryt_multi-sheet.xlsx: four sheets ("AI - Half Hourly Data", "RE - Half Hourly Data", "RI - Half Hourly Data",
     * "Legend") whose worksheet XML uses the {@code x:} namespace prefix. Sheet 1 holds a string, whole and decimal
     * numbers, a date, a date-time, a boolean, a formula and a quoted string.
     */
    public static byte[] brytMultiSheet() {
        byte[] plain;
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            CellStyle dateStyle = workbook.createCellStyle();
            dateStyle.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
            CellStyle dateTimeStyle = workbook.createCellStyle();
            dateTimeStyle.setDataFormat(workbook.createDataFormat().getFormat("dd/mm/yyyy hh:mm:ss"));
            for (String name : new String[] {"AI - Half Hourly Data", "RE - Half Hourly Data", "RI - Half Hourly Data", "Legend"}) {
                Sheet sheet = workbook.createSheet(name);
                Row header = sheet.createRow(0);
                header.createCell(0).setCellValue("MPAN");
                header.createCell(1).setCellValue("Date");
                header.createCell(2).setCellValue("Read at");
                header.createCell(3).setCellValue("kWh");
                header.createCell(4).setCellValue("Estimated");
                header.createCell(5).setCellValue("Total");
                header.createCell(6).setCellValue("Note");
                Row row = sheet.createRow(1);
                row.createCell(0).setCellValue(2000053543470L);
                var date = row.createCell(1);
                date.setCellValue(LocalDate.of(2024, 3, 1));
                date.setCellStyle(dateStyle);
                var time = row.createCell(2);
                time.setCellValue(LocalDateTime.of(2024, 3, 1, 0, 30));
                time.setCellStyle(dateTimeStyle);
                row.createCell(3).setCellValue(12.5);
                row.createCell(4).setCellValue(false);
                row.createCell(5).setCellFormula("D2*2");
                row.createCell(6).setCellValue("say \"hi\", " + name);
            }
            workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            plain = out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return withPrefixedWorksheets(plain);
    }

    /** Rewrites every worksheet part so its SpreadsheetML elements carry the {@code x:} prefix. */
    static byte[] withPrefixedWorksheets(byte[] xlsx) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(xlsx)); ZipOutputStream out = new ZipOutputStream(bytes)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                byte[] content = in.readAllBytes();
                if (entry.getName().startsWith("xl/worksheets/sheet")) {
                    String xml = new String(content, StandardCharsets.UTF_8)
                            .replace("xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"",
                                    "xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"")
                            .replaceAll("<(/?)([A-Za-z][A-Za-z0-9]*)([\\s/>])", "<$1x:$2$3");
                    content = xml.getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(content);
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    // ---------------------------------------------------------------- emails

    private static String base64Lines(byte[] data) {
        return Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(data);
    }

    private static final String SES_HEADERS = ""
            + "Return-Path: <james@test.com>\r\n"
            + "Received: from mail-lf1-f54.google.com (mail-lf1-f54.google.com [209.85.167.54])\r\n"
            + " by inbound-smtp.eu-west-1.amazonaws.com with SMTP id 0000example0000\r\n"
            + " for sheffield@datafeeds.energysparks.uk;\r\n"
            + " Fri, 08 Nov 2019 12:06:00 +0000 (UTC)\r\n"
            + "X-SES-Spam-Verdict: PASS\r\n"
            + "X-SES-Virus-Verdict: PASS\r\n"
            + "Received-SPF: pass (spfCheck: domain of test.com designates 209.85.167.54 as permitted sender)\r\n";

    /** sheffield_email.txt: multipart/mixed with a multipart/alternative body and a base64 zip attachment. */
    public static byte[] sheffieldEmail() {
        return sheffieldEmail("000000000000e99dbc057a2a51be");
    }

    /** sheffield_email_no_attachments.txt: the same, but the boundary parameter matches no delimiter line. */
    public static byte[] sheffieldEmailNoAttachments() {
        String email = new String(sheffieldEmail("000000000000e99dbc057a2a51be"), StandardCharsets.US_ASCII);
        String headers = email.substring(0, email.indexOf("\r\n\r\n") + 4)
                .replace("boundary=\"000000000000e99dbc057a2a51be\"", "boundary=\"000000000000e99dbc057a2a51bc\"");
        String body = "--000000000000e99dbc057a2a51be\r\nContent-Type: text/plain; charset=\"UTF-8\"\r\n\r\n"
                + "---------- Forwarded message ---------\r\nPlease find attached the export.\r\n\r\n"
                + "--000000000000e99dbc057a2a51be--\r\n";
        return (headers + body).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] sheffieldEmail(String boundary) {
        String alt = "000000000000e99dba057a2a51bc";
        String email = SES_HEADERS
                + "MIME-Version: 1.0\r\n"
                + "From: James Jefferies <james@test.com>\r\n"
                + "Date: Fri, 8 Nov 2019 12:05:46 +0000\r\n"
                + "Message-ID: <CAExample0001@mail.gmail.com>\r\n"
                + "Subject: Fwd: Intelligent Analytics: Data export for YPO - SHEFFIELD CITY COUNCIL.\r\n"
                + "To: sheffield@datafeeds.energysparks.uk\r\n"
                + "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n"
                + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: multipart/alternative; boundary=\"" + alt + "\"\r\n"
                + "\r\n"
                + "--" + alt + "\r\n"
                + "Content-Type: text/plain; charset=\"UTF-8\"\r\n\r\n"
                + "---------- Forwarded message ---------\r\nFrom: Intelligent Analytics\r\n\r\n"
                + "--" + alt + "\r\n"
                + "Content-Type: text/html; charset=\"UTF-8\"\r\n\r\n"
                + "<div>HTML email</div>\r\n\r\n"
                + "--" + alt + "--\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: application/zip; name=\"" + SHEFFIELD_ZIP + "\"\r\n"
                + "Content-Disposition: attachment; filename=\"" + SHEFFIELD_ZIP + "\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "X-Attachment-Id: f_k0example0\r\n"
                + "\r\n"
                + base64Lines(sheffieldZip()) + "\r\n"
                + "--" + boundary + "--\r\n";
        return email.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * sheffield-fwd.txt: a Gmail auto-forward (To: data@..., X-Forwarded-To: sheffield@...) whose boundary itself
     * starts with "--"; a quoted-printable HTML part, then a zip named only by Content-Type {@code name=} with a bare
     * {@code Content-Disposition: attachment}.
     */
    public static byte[] sheffieldForwarded() {
        String boundary = "--boundary_8023_69ca8b66-3b1e-4a43-9b41-1c2f8d2f7a10";
        String email = "Delivered-To: data@energysparks.uk\r\n"
                + "X-Forwarded-To: sheffield@datafeeds.energysparks.uk\r\n"
                + "X-Forwarded-For: data@energysparks.uk sheffield@datafeeds.energysparks.uk\r\n"
                + "Return-Path: <iasupport@rwe.com>\r\n"
                + "From: <iasupport@rwe.com>\r\n"
                + "To: <data@energysparks.uk>\r\n"
                + "Subject: Intelligent Analytics: Data export\r\n"
                + "Date: Wed, 27 Feb 2019 12:04:07 +0000\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n"
                + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: text/html; charset=\"us-ascii\"\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "<html><body><p style=3D\"font-family:Arial\">Please find attached your data e=\r\nxport.</p></body></html>\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: application/zip; name=" + FWD_ZIP + "\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment\r\n"
                + "\r\n"
                + base64Lines(zip(FWD_ENTRY, forwardedExport())) + "\r\n"
                + "--" + boundary + "--\r\n";
        return email.getBytes(StandardCharsets.US_ASCII);
    }

    private static String quotedPrintableHtml(String linkHtml) {
        String html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head><body>"
                + "<img src=\"https://datavision.imserv.com/raassets/theme/assets/images/datavision_logo.png\">"
                + "<p>Your report is ready. To download it " + linkHtml + ".</p></body></html>";
        String encoded = html.replace("=", "=3D");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < encoded.length(); i += 70) {
            int end = Math.min(encoded.length(), i + 70);
            // never split an =XX escape
            while (end < encoded.length() && (encoded.charAt(end - 1) == '=' || encoded.charAt(Math.max(0, end - 2)) == '=')) {
                end--;
            }
            lines.append(encoded, i, end);
            if (end < encoded.length()) {
                lines.append("=\r\n");
            }
            i = end - 70;
        }
        return lines + "\r\n";
    }

    /** imserv_email_with_link.txt: single-part text/html, quoted-printable, with the logo and the download link. */
    public static byte[] imservEmailWithLink() {
        String email = "From: Data Vision <data@supplier.example.com>\r\n"
                + "To: <data@example.org>\r\n"
                + "Subject: Data Extract Report-WC-EnergySparksYesterday\r\n"
                + "Date: Tue, 16 Nov 2021 22:07:00 +0000\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/html; charset=\"utf-8\"\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n"
                + "\r\n"
                + quotedPrintableHtml("<a href=\"" + IMSERV_LINK + "\">click here</a>");
        return email.getBytes(StandardCharsets.US_ASCII);
    }

    /** imserv_email_with_link_fwd.txt: multipart/alternative, text/plain first (link in angle brackets), then HTML with &amp;. */
    public static byte[] imservEmailWithLinkForwarded() {
        String boundary = "0000000000004f3a0105d0f2a1b7";
        String email = "From: Leigh Dodds <leigh.dodds@example.org>\r\n"
                + "To: leigh.dodds@example.org\r\n"
                + "Subject: Fwd: Data Extract Report-WC-EnergySparksLast7Days\r\n"
                + "Date: Tue, 16 Nov 2021 22:10:00 +0000\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n"
                + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: text/plain; charset=\"UTF-8\"\r\n\r\n"
                + "---------- Forwarded message ---------\r\n"
                + "Your report is ready. To download it click here\r\n<" + IMSERV_LINK + ">\r\n\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: text/html; charset=\"UTF-8\"\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
                + quotedPrintableHtml("<a href=\"" + IMSERV_LINK.replace("&", "&amp;") + "\">click here</a>")
                + "--" + boundary + "--\r\n";
        return email.getBytes(StandardCharsets.US_ASCII);
    }

    /** A simple email to {@code to} with the given attachments (name, content type, bytes), base64. */
    public static byte[] emailWithAttachments(String to, Object... nameTypeBytes) {
        String boundary = "b-" + Integer.toHexString(to.hashCode());
        StringBuilder email = new StringBuilder()
                .append("From: supplier@example.com\r\n");
        if (to != null && !to.isEmpty()) {
            email.append("To: ").append(to).append("\r\n");
        }
        email.append("Subject: data\r\nMIME-Version: 1.0\r\n")
                .append("Content-Type: multipart/mixed; boundary=\"").append(boundary).append("\"\r\n\r\n")
                .append("--").append(boundary).append("\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n");
        for (int i = 0; i < nameTypeBytes.length; i += 3) {
            email.append("--").append(boundary).append("\r\n")
                    .append("Content-Type: ").append(nameTypeBytes[i + 1]).append("\r\n")
                    .append("Content-Disposition: attachment; filename=\"").append(nameTypeBytes[i]).append("\"\r\n")
                    .append("Content-Transfer-Encoding: base64\r\n\r\n")
                    .append(base64Lines((byte[]) nameTypeBytes[i + 2])).append("\r\n");
        }
        email.append("--").append(boundary).append("--\r\n");
        return email.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
