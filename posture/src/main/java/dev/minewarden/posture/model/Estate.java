package dev.minewarden.posture.model;

import dev.minewarden.posture.InputProblem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the inputs said about an estate, merged: cloud inventory, Kubernetes objects, host
 * configuration and software, plus the problems met while reading. Later inputs with the same id
 * replace earlier ones (a fuller export wins). Not thread-safe: fill it from one thread, then
 * hand it to the assessor.
 */
public final class Estate {
  private final Map<String, SecurityGroup> securityGroups = new LinkedHashMap<>();
  private final Map<String, Instance> instances = new LinkedHashMap<>();
  private final Map<String, NetworkInterface> interfaces = new LinkedHashMap<>();
  private final Map<String, Subnet> subnets = new LinkedHashMap<>();
  private final Map<String, RouteTable> routeTables = new LinkedHashMap<>();
  private final Map<String, InstanceRole> roles = new LinkedHashMap<>();
  private final List<OpenPort> openPorts = new ArrayList<>();
  private final List<ConfigFile> configs = new ArrayList<>();
  private final List<DockerDaemon> dockerDaemons = new ArrayList<>();
  private final List<KubeletSettings> kubelets = new ArrayList<>();
  private final List<EtcdSettings> etcds = new ArrayList<>();
  private final List<Workload> workloads = new ArrayList<>();
  private final List<KubeService> services = new ArrayList<>();
  private final List<RoleBinding> bindings = new ArrayList<>();
  private final List<Software> software = new ArrayList<>();
  private final List<ListeningSocket> listeners = new ArrayList<>();
  private final List<InputProblem> problems = new ArrayList<>();
  private final List<String> blindSpots = new ArrayList<>();
  private final List<String> inputs = new ArrayList<>();

  /** Adds or replaces a security group by id. */
  public void add(SecurityGroup g) {
    securityGroups.put(g.id(), g);
  }

  /** Adds or replaces an instance by id. */
  public void add(Instance i) {
    instances.put(i.id(), i);
  }

  /** Adds or replaces a network interface by id. */
  public void add(NetworkInterface n) {
    interfaces.put(n.id(), n);
  }

  /** Adds or replaces a subnet by id. */
  public void add(Subnet s) {
    subnets.put(s.id(), s);
  }

  /** Adds or replaces a route table by id. */
  public void add(RouteTable r) {
    routeTables.put(r.id(), r);
  }

  /** Adds or replaces an instance role by name. */
  public void add(InstanceRole r) {
    roles.put(r.name(), r);
  }

  /** Adds a directly seen open port (load balancer Service, host listener). */
  public void add(OpenPort p) {
    openPorts.add(p);
  }

  /** Adds an sshd or Redis configuration. */
  public void add(ConfigFile c) {
    configs.add(c);
  }

  /** Adds Docker daemon settings. */
  public void add(DockerDaemon d) {
    dockerDaemons.add(d);
  }

  /** Adds kubelet settings. */
  public void add(KubeletSettings k) {
    kubelets.add(k);
  }

  /** Adds etcd settings. */
  public void add(EtcdSettings e) {
    etcds.add(e);
  }

  /** Adds a Kubernetes workload. */
  public void add(Workload w) {
    workloads.add(w);
  }

  /** Adds a Kubernetes Service. */
  public void add(KubeService s) {
    services.add(s);
  }

  /** Adds a Kubernetes role binding. */
  public void add(RoleBinding b) {
    bindings.add(b);
  }

  /** Adds an installed package or image. */
  public void add(Software s) {
    software.add(s);
  }

  /** Adds a listening socket of the local host. */
  public void add(ListeningSocket s) {
    listeners.add(s);
  }

  /** Records a problem with an input. */
  public void problem(InputProblem p) {
    problems.add(p);
  }

  /** Records something the collector could not see (a permission, a missing file). */
  public void blindSpot(String what) {
    blindSpots.add(what);
  }

  /** Records an input that was read, with its detected kind. */
  public void input(String description) {
    inputs.add(description);
  }

  /** Security groups by id, in input order. */
  public Map<String, SecurityGroup> securityGroups() {
    return Collections.unmodifiableMap(securityGroups);
  }

  /** Instances by id, in input order. */
  public Map<String, Instance> instances() {
    return Collections.unmodifiableMap(instances);
  }

  /** Network interfaces by id. */
  public Map<String, NetworkInterface> interfaces() {
    return Collections.unmodifiableMap(interfaces);
  }

  /** Subnets by id. */
  public Map<String, Subnet> subnets() {
    return Collections.unmodifiableMap(subnets);
  }

  /** Route tables by id. */
  public Map<String, RouteTable> routeTables() {
    return Collections.unmodifiableMap(routeTables);
  }

  /** Instance roles by name. */
  public Map<String, InstanceRole> roles() {
    return Collections.unmodifiableMap(roles);
  }

  /** Directly seen open ports. */
  public List<OpenPort> openPorts() {
    return Collections.unmodifiableList(openPorts);
  }

  /** sshd and Redis configurations. */
  public List<ConfigFile> configs() {
    return Collections.unmodifiableList(configs);
  }

  /** Docker daemon settings. */
  public List<DockerDaemon> dockerDaemons() {
    return Collections.unmodifiableList(dockerDaemons);
  }

  /** kubelet settings. */
  public List<KubeletSettings> kubelets() {
    return Collections.unmodifiableList(kubelets);
  }

  /** etcd settings. */
  public List<EtcdSettings> etcds() {
    return Collections.unmodifiableList(etcds);
  }

  /** Kubernetes workloads. */
  public List<Workload> workloads() {
    return Collections.unmodifiableList(workloads);
  }

  /** Kubernetes Services. */
  public List<KubeService> services() {
    return Collections.unmodifiableList(services);
  }

  /** Kubernetes role bindings. */
  public List<RoleBinding> bindings() {
    return Collections.unmodifiableList(bindings);
  }

  /** Installed packages and images. */
  public List<Software> software() {
    return Collections.unmodifiableList(software);
  }

  /** Listening sockets of the local host. */
  public List<ListeningSocket> listeners() {
    return Collections.unmodifiableList(listeners);
  }

  /** Problems met while reading inputs. */
  public List<InputProblem> problems() {
    return Collections.unmodifiableList(problems);
  }

  /** What the collectors could not see. */
  public List<String> blindSpots() {
    return Collections.unmodifiableList(blindSpots);
  }

  /** The inputs read, each with its detected kind. */
  public List<String> inputs() {
    return Collections.unmodifiableList(inputs);
  }
}
