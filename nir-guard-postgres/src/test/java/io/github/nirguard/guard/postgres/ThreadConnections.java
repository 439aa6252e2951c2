package io.github.nirguard.guard.postgres;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A minimal pool for the tests and the benchmark: one open connection per thread, whose {@code
 * close()} returns it to the thread (a real service uses its own pool).
 */
final class ThreadConnections implements DataSource, AutoCloseable {
  private final String url;
  private final List<Connection> all = new ArrayList<>();
  private final ThreadLocal<Connection> mine = new ThreadLocal<>();

  ThreadConnections(String url) {
    this.url = url;
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection c = mine.get();
    if (c == null || c.isClosed()) {
      c = DriverManager.getConnection(url);
      synchronized (all) {
        all.add(c);
      }
      mine.set(c);
    }
    Connection real = c;
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if (method.getName().equals("close")) {
                return null; // back to the thread
              }
              try {
                return method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    throw new SQLException("not supported");
  }

  @Override
  public void close() throws SQLException {
    synchronized (all) {
      for (Connection c : all) {
        c.close();
      }
      all.clear();
    }
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() {
    return Logger.getGlobal();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return false;
  }

  /** The server's JDBC URL for the tests: -Dnirguard.postgres.url or NIRGUARD_POSTGRES_URL. */
  static String configuredUrl() {
    String url = System.getProperty("nirguard.postgres.url", "");
    if (url.isBlank()) {
      url = System.getenv().getOrDefault("NIRGUARD_POSTGRES_URL", "");
    }
    return url.isBlank() ? null : url;
  }
}
