package routes.shared;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The formatted log lines of one class's logger from now on (INFO and above), for tests that assert a log line. */
public final class CapturedLogs {
    private CapturedLogs() {
    }

    public static List<String> of(Class<?> source) {
        List<String> lines = new CopyOnWriteArrayList<>();
        Logger logger = (Logger) LogManager.getLogger(source);
        AbstractAppender appender = new AbstractAppender("capture-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(event.getMessage().getFormattedMessage());
            }
        };
        appender.start();
        logger.addAppender(appender);
        if (!logger.isInfoEnabled()) {
            logger.setLevel(Level.INFO);
        }
        return lines;
    }
}
