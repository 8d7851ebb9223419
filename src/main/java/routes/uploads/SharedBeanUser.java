package routes.uploads;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A pipeline bean that uses shared beans (AWS clients, the ledger, the side-effect guard) by registry name. The
 * route file's {@code beans:} are created before the shared beans are bound, so they are looked up on first use
 * rather than injected. {@link #using(String, Object)} provides one directly (tests, tools).
 */
public abstract class SharedBeanUser implements CamelContextAware {
    private final Map<String, Object> beans = new ConcurrentHashMap<>();
    private CamelContext camelContext;

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    /** Provides the bean named {@code name} directly. */
    public <B extends SharedBeanUser> B using(String name, Object bean) {
        beans.put(name, bean);
        @SuppressWarnings("unchecked")
        B self = (B) this;
        return self;
    }

    protected <T> T shared(String name, Class<T> type) {
        return type.cast(beans.computeIfAbsent(name, n -> {
            if (camelContext == null) {
                throw new IllegalStateException(getClass().getSimpleName() + " needs bean '" + n + "' but has no CamelContext");
            }
            T bean = camelContext.getRegistry().lookupByNameAndType(n, type);
            if (bean == null) {
                throw new IllegalStateException("No bean '" + n + "' of type " + type.getSimpleName() + " in the registry");
            }
            return bean;
        }));
    }
}
