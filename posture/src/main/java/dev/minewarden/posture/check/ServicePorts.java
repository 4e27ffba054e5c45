package dev.minewarden.posture.check;

import dev.minewarden.posture.Check;
import java.util.List;

/**
 * The ports these gangs look for, with the product behind each, the check that reports it
 * exposed and, where narrower than the check's list, the gangs known for that product.
 */
final class ServicePorts {
  private ServicePorts() {}

  /**
   * One service port.
   *
   * @param port the TCP port
   * @param product what usually listens there
   * @param check the exposure check
   * @param gangs gangs for this product, or empty for the check's list
   * @param processes process names that identify the product on a host, whatever the port
   */
  record Service(int port, String product, Check check, List<String> gangs, List<String> processes) {}

  static final List<Service> ALL = List.of(
      new Service(22, "SSH", Check.NET_SSH, List.of(), List.of("sshd")),
      new Service(2375, "Docker Engine API (plain HTTP)", Check.NET_DOCKER, List.of(), List.of("dockerd")),
      new Service(2376, "Docker Engine API (TLS)", Check.NET_DOCKER, List.of(), List.of()),
      new Service(6379, "Redis", Check.NET_REDIS, List.of(), List.of("redis-server")),
      new Service(10250, "kubelet API", Check.NET_KUBE, List.of("TeamTNT"), List.of("kubelet")),
      new Service(10255, "kubelet read-only API", Check.NET_KUBE, List.of("TeamTNT"), List.of()),
      new Service(2379, "etcd client API", Check.NET_KUBE, List.of("TeamTNT"), List.of("etcd")),
      new Service(2380, "etcd peer API", Check.NET_KUBE, List.of("TeamTNT"), List.of()),
      new Service(6443, "Kubernetes API server", Check.NET_KUBE, List.of("TeamTNT", "Kinsing"), List.of("kube-apiserver")),
      new Service(8080, "Jenkins (or another HTTP app on 8080)", Check.NET_APP, List.of("Rocke"), List.of()),
      new Service(7001, "Oracle WebLogic", Check.NET_APP, List.of("8220", "Kinsing"), List.of()),
      new Service(8090, "Atlassian Confluence", Check.NET_APP, List.of("Kinsing", "8220"), List.of()),
      new Service(8088, "Hadoop YARN ResourceManager", Check.NET_APP, List.of("Kinsing", "8220"), List.of()),
      new Service(8983, "Apache Solr", Check.NET_APP, List.of("Kinsing"), List.of()),
      new Service(61616, "Apache ActiveMQ (OpenWire)", Check.NET_APP, List.of("Kinsing"), List.of()),
      new Service(9090, "Openfire admin console", Check.NET_APP, List.of("Kinsing"), List.of()),
      new Service(4505, "SaltStack master", Check.NET_APP, List.of("Kinsing"), List.of("salt-master")),
      new Service(4506, "SaltStack master", Check.NET_APP, List.of("Kinsing"), List.of()),
      new Service(3306, "MySQL/MariaDB", Check.NET_DB, List.of(), List.of("mysqld", "mariadbd")),
      new Service(5432, "PostgreSQL", Check.NET_DB, List.of("Kinsing"), List.of("postgres")),
      new Service(27017, "MongoDB", Check.NET_DB, List.of(), List.of("mongod")),
      new Service(9200, "Elasticsearch", Check.NET_DB, List.of(), List.of()),
      new Service(1433, "Microsoft SQL Server", Check.NET_DB, List.of(), List.of("sqlservr")),
      new Service(11211, "memcached", Check.NET_DB, List.of(), List.of("memcached")),
      new Service(5984, "CouchDB", Check.NET_DB, List.of(), List.of()));
}
