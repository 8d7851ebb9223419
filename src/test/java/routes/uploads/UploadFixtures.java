package routes.uploads;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Synthetic council exports in the shapes of the original's fixtures (§A.9, §A.10): same delimiters, quoting, line
 * endings, column counts, row counts and encodings; invented addresses.
 */
public final class UploadFixtures {
    public static final String COUNCIL = "X01000000";
    public static final String COUNCIL_NAME = "Piddleton Parish Council";
    public static final String FOLDER = "X01000000/2019-12-12/2019-09-30T17:00:02.396833";

    static final List<String> XPRESS_DC_HEADER = List.of("ElectionDate", "Contested", "Property_URN", "AddressLine1",
            "AddressLine2", "AddressLine3", "AddressLine4", "AddressLine5", "Addressline6", "Post_Code", "Polling_Place_Id",
            "Polling_Place_Name", "Polling_Place_Address_1", "Polling_Place_Address_2", "Polling_Place_Address_3",
            "Polling_Place_Address_4", "Polling_Place_Postcode", "Polling_Place_Easting", "Polling_Place_Northing",
            "Polling_Place_UPRNProperty_URN", "AddressLine11", "AddressLine21", "AddressLine31", "AddressLine41",
            "AddressLine51", "Addressline61", "Post_Code1", "Polling_Place_District_Reference", "Polling_Place_Id1",
            "Polling_Place_Name1", "Polling_Place_Address_11", "Polling_Place_Address_21", "Polling_Place_Address_31",
            "Polling_Place_Address_41", "Polling_Place_Postcode1", "Polling_Place_Easting1", "Polling_Place_Northing1",
            "Polling_Place_UPRN");

    private UploadFixtures() {
    }

    /** F1: Idox Eros, CRLF, 10 lines, 19 columns, data fields quoted except the first. */
    public static byte[] idoxEros() {
        StringBuilder s = new StringBuilder("HouseID,HouseName,HouseNumber,HousePostCode,UPRN,SubStreetName,StreetNumber,"
                + "StreetName,Locality,Town,AdminArea,PollingStationName,PollingStationNumber,PollingStationAddress_1,"
                + "PollingStationAddress_2,PollingStationAddress_3,PollingStationAddress_4,PollingStationAddress_5,"
                + "PollingStationPostCode\r\n");
        int[] ids = {1003, 1005, 1006, 1007, 1008, 1010, 1011, 1012, 1013};
        for (int i = 0; i < ids.length; i++) {
            s.append(ids[i]).append(",\"\",\"").append(i + 2).append("\",\"PR7 1ZZ\",\"1000999").append(i)
                    .append("\",\"\",\"\",\"MEADOW LANE\",\"LITTLEWICK\",\"BRIGHTSHIRE\",\"NORTHSHIRE\",")
                    .append("\"ORCHARD YOUTH & COMMUNITY CENTRE\",\"1\",\"STATION ROAD\",\"LITTLEWICK\",\"BRIGHTSHIRE\",\"NSHIRE\",\"\",\"PR7 2ZZ\"\r\n");
        }
        return ascii(s);
    }

    /** F2: Xpress DC, LF, 10 lines, 38 columns, unquoted. */
    public static byte[] xpressDc() {
        return xpressDc(",", "\n", "23/05/2019", "Buckingham Gardens").getBytes(StandardCharsets.US_ASCII);
    }

    static String xpressDc(String d, String eol, String date, String street) {
        StringBuilder s = new StringBuilder(String.join(d, XPRESS_DC_HEADER)).append(eol);
        for (int n = 5; n <= 13; n++) {
            List<String> row = List.of(date, "Yes", "1000212433" + (47 + n), n + " " + street, "Edgwell", "", "", "",
                    "HA8 6NB", "HA8 6NB", "2322", "Lantern Youth Theatre", "Methuen Road", "Edgwell", "", "", "HA8 6EZ",
                    "0", "0", "", n + " " + street, "Edgwell", "", "", "", "HA8 6NB", "HA8 6NB", "EAA", "2322",
                    "Lantern Youth Theatre", "Methuen Road", "Edgwell", "", "", "HA8 6EZ", "0", "0", "");
            s.append(String.join(d, row)).append(eol);
        }
        return s.toString();
    }

    /** F3: Xpress WebLookup, CRLF, 10 lines, 16 columns, every field quoted. */
    public static byte[] xpressWebLookup() {
        List<String> header = List.of("AuthorityCode", "PropertyNumber", "StreetName", "PostCode", "PollingDistrictReference",
                "PollingPlaceId", "PollingPlaceAddress1", "PollingPlaceAddress2", "PollingPlaceAddress3", "PollingPlaceAddress4",
                "PollingPlaceAddress5", "PollingPlaceAddress6", "PollingPlaceAddress7", "UPRN", "PollingPlaceEasting",
                "PollingPlaceNorthing");
        StringBuilder s = new StringBuilder(quoted(header)).append("\r\n");
        for (int i = 1; i <= 9; i++) {
            s.append(quoted(List.of("00DA", i + "  Elm House", "Oakwood Lane", "LS17 7DN", "ALA", "5685",
                    "Moorside United Reformed Church", "(Rear Entrance)", "High Ash Drive", "", "Leedham", "", "LS17 8RE",
                    "00007277150" + i, "0", "0"))).append("\r\n");
        }
        return ascii(s);
    }

    /** F4: Democracy Counts stations, CRLF, 20 lines, 11 columns incl. Xordinate, one quoted field with a comma. */
    public static byte[] dcStations() {
        StringBuilder s = new StringBuilder("Add1,Add2,Add3,Add4,Add5,Add6,PostCode,StationCode,Xordinate,Yordinate,PlaceName\r\n");
        s.append("Off Broadhurst Avenue,Edgwell,Middx,,,,HA8 8TL,B110/1,0,0,\"Scout Hut, Edgwell Synagogue\"\r\n");
        for (int i = 2; i <= 19; i++) {
            s.append(i).append(" Hadley Rise,Barnfield,Herts,,,,EN5 4PU,B").append(i).append("/1,,,St Paul's Centre\r\n");
        }
        return ascii(s);
    }

    /** §A.10 ems-dcounts-stations-small.csv: the header and the first 6 rows of F4 (under 1 KB). */
    public static byte[] dcStationsSmall() {
        String[] lines = new String(dcStations(), StandardCharsets.US_ASCII).split("\r\n");
        return ascii(new StringBuilder(String.join("\r\n", List.of(lines).subList(0, 7)) + "\r\n"));
    }

    /** F5: Democracy Counts districts, CRLF, 20 lines, 11 columns. */
    public static byte[] dcDistricts() {
        StringBuilder s = new StringBuilder("Add1,Add2,Add3,Add4,Add5,Add6,PostCode,StationCode,UPRN,Xordinate,Yordinate\r\n");
        for (int i = 1; i <= 19; i++) {
            s.append(i).append(" Beaumont Place,Barnfield,,,,,EN5 4PR,B1/1,2000087").append(10 + i).append(",524755.48,197969.92\r\n");
        }
        return ascii(s);
    }

    /** F6: an unknown EMS, LF, 10 lines, 19 columns. */
    public static byte[] otherEms() {
        StringBuilder s = new StringBuilder("STRAND_ID,WARD,CODE,ELECTORADD1,ELECTORADD2,ELECTORADD3,ELECTORADD4,ELECTORADD5,"
                + "ELECTORADD6,FLAT,HOUSENAME,HOUSENUMBER,SUBSTREETNAME,STREETNAME,STREETADD1,STREETADD2,STREETADD3,STREETADD4,PCODE\n");
        for (int i = 0; i < 9; i++) {
            s.append("D1004888").append(i).append(",WELWYN WEST,AAA,THE FLAT,SHAWS CORNER,BIBBS HALL LANE,AYOT ST LAWRENCE,")
                    .append("WELWYN,AL6 9BX,THE FLAT,SHAWS CORNER,,,BIBBS HALL LANE,AYOT ST LAWRENCE,WELWYN,,,AL6 9BX\n");
        }
        return ascii(s);
    }

    /** F7: TAB-separated Xpress DC in windows-1252 with two 0xF4 bytes (invalid UTF-8), CRLF, 10 lines. */
    public static byte[] windows1252Tsv() {
        String text = xpressDc("\t", "\r\n", "23/05/19", "Heol y Bryn");
        int last = text.lastIndexOf("Heol y Bryn");
        text = text.substring(0, last) + "L\u00f4n Capel / Chapel Lane" + text.substring(last + "Heol y Bryn".length());
        int lastButOne = text.lastIndexOf("Heol y Bryn");
        text = text.substring(0, lastButOne) + "L\u00f4n Capel" + text.substring(lastButOne + "Heol y Bryn".length());
        return text.getBytes(Charset.forName("windows-1252"));
    }

    /** F9: TAB-separated Xpress DC, CRLF, 10 lines, ASCII (named .csv in the tests). */
    public static byte[] tsvContent() {
        return xpressDc("\t", "\r\n", "15/10/2019", "Abbey Road").getBytes(StandardCharsets.US_ASCII);
    }

    /** F10: all quoted, CRLF, 38 columns, 8 complete rows, then a 7-field record with an unterminated quote, no newline. */
    public static byte[] incompleteFile() {
        String[] lines = xpressDc(",", "\n", "02/05/2019", "Gas House Lane").split("\n");
        StringBuilder s = new StringBuilder();
        for (int i = 0; i <= 8; i++) {
            s.append(quoted(List.of(lines[i].split(",", -1)))).append("\r\n");
        }
        s.append("\"02/05/2019\",\"Yes\",\"10034643802\",\"Caravan The Old Gas House\",\"West Appleton\",\"Hornby\",\"North Yorkshire");
        return ascii(s);
    }

    /** F11: a ZIP archive holding F8. */
    public static byte[] notACsv() {
        // F11's shape: a zip holding one deflated entry, whose bytes up to the first line break hold exactly one comma
        // (so a comma-delimited header of 2 fields, as the reference file gives). Only the entry's timestamp varies.
        for (long seconds = 0; seconds < 86_400; seconds += 2) {
            byte[] zip = zipOfOneEntry("ext-csv-with-tsv-ext.tsv", idoxEros(), 1_700_000_000_000L + seconds * 1000);
            if (commasOnFirstLine(zip) == 1) {
                return zip;
            }
        }
        throw new IllegalStateException("no timestamp gives a zip whose first line holds one comma");
    }

    private static byte[] zipOfOneEntry(String name, byte[] content, long time) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            ZipEntry entry = new ZipEntry(name);
            entry.setTime(time);
            zip.putNextEntry(entry);
            zip.write(content);
            zip.closeEntry();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** Commas before the first line break as Python's str.splitlines sees latin-1 text (outside quotes). */
    private static int commasOnFirstLine(byte[] bytes) {
        int commas = 0;
        boolean quoted = false;
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (!quoted && (c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || (c >= 0x1C && c <= 0x1E) || c == 0x85)) {
                break;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == ',') {
                commas++;
            }
        }
        return commas;
    }

    /** §A.10 democracy-counts-utf-16le.csv: UTF-16LE without BOM, CRLF, 35 records, no trailing newline, all quoted, 12 columns. */
    public static byte[] democracyCountsUtf16le() {
        List<String> records = new ArrayList<>();
        records.add(quoted(List.of("Add1", "Add2", "Add3", "Add4", "Add5", "Add6", "PlaceName", "PollingStationID", "PostCode",
                "StationCode", "Xordinate", "Yordinate")));
        for (int i = 1; i < 35; i++) {
            records.add(quoted(List.of("ADJACENT TO ROSELANDS SCHOOL", "HIGH WOOD ROAD", "HODDESFIELD", "HERTFORDSHIRE", "", "",
                    "THE SCOUT HUT", Integer.toString(1900 + i), "EN11 9AR", Integer.toString(i), "536737.00", "210305.00")));
        }
        return String.join("\r\n", records).getBytes(StandardCharsets.UTF_16LE);
    }

    /** §A.10 invalid.json: plain text padded over 1 KB. */
    public static byte[] invalidJson() {
        return ascii(new StringBuilder("not a json file\ncan't be parsed\n\n").append(lorem(1360)));
    }

    /** §A.10 ems-other.json: an object that is not an FCS snapshot, padded over 1 KB. */
    public static byte[] otherJson() {
        return ascii(new StringBuilder("{\"does not quack\": \"like fcs\", \"padding to get us over 1kb\": \"")
                .append(lorem(1300)).append("\"}"));
    }

    /** §A.10 ems-fcs.json: 2 stations with the 15 FCS keys, 3 properties and 1 polling district each. */
    public static byte[] fcsJson() {
        StringBuilder s = new StringBuilder("[");
        for (int st = 1; st <= 2; st++) {
            s.append(st > 1 ? ",\n" : "\n").append("  {\"id\": ").append(st).append(", \"stationId\": \"S").append(st)
                    .append("\", \"name\": \"Village Hall ").append(st).append("\", \"addressLine1\": \"Church Street\", ")
                    .append("\"addressLine2\": \"Littlewick\", \"addressLine3\": \"\", \"addressLine4\": \"\", \"addressLine5\": \"\", ")
                    .append("\"addressPostCode\": \"AB1 2CD\", \"addressUprn\": \"10000000").append(st).append("\", ")
                    .append("\"latitude\": 51.5, \"longitude\": -0.12, \"defaultStationId\": null, \"properties\": [");
            for (int p = 1; p <= 3; p++) {
                s.append(p > 1 ? ", " : "").append("{\"addressLine1\": \"").append(p).append(" Mill Lane\", \"addressLine2\": \"Littlewick\", ")
                        .append("\"addressLine3\": \"\", \"addressLine4\": \"\", \"addressLine5\": \"\", \"addressPostCode\": \"AB1 3EF\", ")
                        .append("\"addressUprn\": \"2000000").append(st).append(p).append("\"}");
            }
            s.append("], \"pollingDistricts\": [{\"id\": \"D").append(st).append("\", \"name\": \"District ").append(st).append("\"}]}");
        }
        return ascii(s.append("\n]\n"));
    }

    static String lorem(int length) {
        String words = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore ";
        StringBuilder s = new StringBuilder();
        while (s.length() < length) {
            s.append(words);
        }
        return s.substring(0, length);
    }

    static String quoted(List<String> fields) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            s.append(i > 0 ? "," : "").append('"').append(fields.get(i).replace("\"", "\"\"")).append('"');
        }
        return s.toString();
    }

    private static byte[] ascii(CharSequence s) {
        return s.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
