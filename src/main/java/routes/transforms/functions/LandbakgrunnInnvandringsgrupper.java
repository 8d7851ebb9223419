package routes.transforms.functions;

import routes.shared.TaskFailure;
import routes.transforms.Frame;
import routes.transforms.SqlScript;
import routes.transforms.Template;
import routes.transforms.TransformEngine;
import routes.transforms.TransformFunction;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static routes.transforms.Metadata.series;
import static routes.transforms.Templates.checked;

/**
 * The ten largest immigrant groups of each district (custom output): one file per district present and Oslo,
 * {@code {"district", "id", "data": [{"geography": <country>, "values": ...} x 10], "meta": {"series", "heading"}}}
 * (meta without publishedDate, help, scope and scale, as the original). status: per country
 * {@code [{"date", "value", "ratio"}]} for innvandrer and norskfodt_med_innvandrerforeldre; historisk: one list per
 * series (total, innvandrer, norskfodt_med_innvandrerforeldre) over the years. Files in id order, Oslo last; countries
 * by place (the original's order of files was a set's, so not deterministic).
 */
public final class LandbakgrunnInnvandringsgrupper implements TransformFunction {
    public static final TransformFunction FUNCTION = new LandbakgrunnInnvandringsgrupper();

    private static final String NAME = "landbakgrunn-innvandringsgrupper";
    private static final String HEADING = "10 største innvandringsgrupper";
    private static final String COUNTRY = "landbakgrunn";
    private static final String INNVANDRER = "innvandrer";
    private static final String NORSKFODT = "norskfodt_med_innvandrerforeldre";
    private static final Map<String, String> INPUTS = new LinkedHashMap<>();

    static {
        INPUTS.put(TransformFunction.tableOf("landbakgrunn-storste-innvandringsgrupper"), "landbakgrunn-storste-innvandringsgrupper");
        INPUTS.put(TransformFunction.tableOf("befolkning-etter-kjonn-og-alder"), "befolkning-etter-kjonn-og-alder");
    }

    private LandbakgrunnInnvandringsgrupper() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, String> inputs() {
        return INPUTS;
    }

    @Override
    public Set<String> types() {
        return new LinkedHashSet<>(List.of("status", "historisk"));
    }

    @Override
    public List<Map<String, Object>> run(TransformEngine.Session session, String type, String outputDataset, Clock clock) {
        session.run(NAME, SqlScript.load("transforms/" + NAME + ".sql"));
        boolean status = "status".equals(type);
        Frame frame = session.query(NAME, status ? "from status_output" : "from historisk_output");
        List<String> series = status ? List.of(INNVANDRER, NORSKFODT) : List.of("total", INNVANDRER, NORSKFODT);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("series", status
                ? List.of(series("Innvandrer", ""), series("Norskfødt med innvandrerforeldre", ""))
                : List.of(series("Totalt", ""), series("Innvandrer", ""), series("Norskfødt med innvandrerforeldre", "")));
        meta.put("heading", HEADING);

        // district id -> (country -> its rows in date order); the query orders by district, place, date
        Map<String, Map<String, List<Object[]>>> districts = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (Object[] row : frame.rows()) {
            String id = frame.text(row, Frame.DISTRICT_ID);
            names.putIfAbsent(id, frame.text(row, Frame.DISTRICT_NAME));
            districts.computeIfAbsent(id, d -> new LinkedHashMap<>())
                    .computeIfAbsent(frame.text(row, COUNTRY), c -> new ArrayList<>()).add(row);
        }
        List<String> order = new ArrayList<>(districts.keySet());
        order.sort((a, b) -> "00".equals(a) ? ("00".equals(b) ? 0 : 1) : "00".equals(b) ? -1 : String.valueOf(a).compareTo(String.valueOf(b)));
        List<Map<String, Object>> files = new ArrayList<>();
        for (String id : order) {
            List<Object> data = new ArrayList<>();
            districts.get(id).forEach((country, rows) -> {
                Map<String, Object> geography = new LinkedHashMap<>();
                geography.put("geography", country);
                geography.put("values", values(frame, rows, series, status, outputDataset, id));
                data.add(geography);
            });
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("district", names.get(id));
            file.put("id", id);
            file.put("data", data);
            file.put("meta", meta);
            files.add(file);
        }
        return files;
    }

    /** status: per series the (one) row's {@code {"date", "value", "ratio"}}; historisk: per series the list over rows. */
    private static List<Object> values(Frame frame, List<Object[]> rows, List<String> series, boolean status, String outputDataset, String district) {
        List<Object> values = new ArrayList<>();
        try {
            for (String s : series) {
                List<Object> perSeries = new ArrayList<>();
                for (Object[] row : rows) {
                    Object date = frame.get(row, Frame.DATE);
                    Map<String, Object> v = new LinkedHashMap<>();
                    v.put("date", date);
                    v.put("value", checked(s, date, frame.get(row, s)));
                    v.put("ratio", checked(s + "_ratio", date, frame.get(row, s + "_ratio")));
                    perSeries.add(v);
                }
                if (status) {
                    values.add(perSeries.get(perSeries.size() - 1));
                } else {
                    values.add(perSeries);
                }
            }
        } catch (Template.MissingValue missing) {
            throw new TaskFailure("NaNInOutput", outputDataset + ": " + missing.getMessage() + " for country " + frame.text(rows.get(0), COUNTRY)
                    + " in district " + district + "; the original's JSON write failed on it");
        }
        return values;
    }
}
