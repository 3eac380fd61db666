package dev.roster.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * Test-only: wraps the DataSource so that a test can see every SQL statement its own thread prepares while it
 * records, to show that work does not grow with a request's size. Other threads and other times are not recorded.
 */
@Component
public class Statements implements BeanPostProcessor {

    private static final ThreadLocal<List<String>> RECORDING = new ThreadLocal<>();

    /** The SQL of each statement prepared on this thread while {@code work} runs, in order. */
    public static List<String> recordedDuring(Runnable work) {
        List<String> sql = new ArrayList<>();
        RECORDING.set(sql);
        try {
            work.run();
        } finally {
            RECORDING.remove();
        }
        return sql;
    }

    /** What this thread's recording holds so far; empty when it is not recording. */
    public static List<String> soFar() {
        List<String> recording = RECORDING.get();
        return recording == null ? List.of() : List.copyOf(recording);
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource) {
            return wrap(dataSource, ClassUtils.getAllInterfacesForClass(bean.getClass()));
        }
        return bean;
    }

    private static Object wrap(Object target, Class<?>[] interfaces) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object result = invoke(target, method, args);
            if (result instanceof Connection connection && method.getName().equals("getConnection")) {
                return wrap(connection, new Class<?>[] {Connection.class});
            }
            if (target instanceof Connection && method.getName().startsWith("prepare") && args != null) {
                List<String> recording = RECORDING.get();
                if (recording != null) {
                    recording.add((String) args[0]);
                }
            }
            return result;
        };
        return Proxy.newProxyInstance(Statements.class.getClassLoader(), interfaces, handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
