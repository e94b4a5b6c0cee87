{{/*
Every template ranges over the teams (and their apps) and hands these helpers a workload context:
  dict "root" $ "team" $team "name" <workload name> "component" web|job|cronjob "version" <image tag>
and, for a Job or CronJob, "spec" (.Values.job or .Values.cronJob).

Deploy order as the project writes it: Argo CD sync waves, and kpt's depends-on on what an object
needs first (its namespace, the ConfigMap and ServiceAccount of its pods, the Deployment an
autoscaler scales, the Service an Ingress routes to, the app a Job or CronJob connects to).
*/}}

{{/* The labels of a workload's objects and pods. */}}
{{- define "webapps.labels" -}}
app.kubernetes.io/component: {{ .component }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/part-of: {{ .team.name }}
app.kubernetes.io/version: {{ .version | quote }}
{{- end }}

{{/* The labels that select a workload's pods: stable across versions. */}}
{{- define "webapps.selectorLabels" -}}
app.kubernetes.io/component: {{ .component }}
app.kubernetes.io/name: {{ .name }}
{{- end }}

{{/* An image reference from its values (.Values.image, .Values.toolImage). */}}
{{- define "webapps.image" -}}
{{ .repository }}:{{ .tag }}
{{- end }}

{{/* The first app of a team, which its Job and CronJob connect to and run after. */}}
{{- define "webapps.firstApp" -}}
{{ (first .team.apps).name }}
{{- end }}

{{/* The egress every pod gets: the cluster DNS, over UDP and TCP. */}}
{{- define "webapps.dnsEgress" -}}
- ports:
    - port: 53
      protocol: UDP
    - port: 53
      protocol: TCP
  to:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: {{ .Values.dns.namespace }}
      podSelector:
        matchLabels:
          {{- toYaml .Values.dns.podLabels | nindent 10 }}
{{- end }}

{{/*
The NetworkPolicy of a Job or CronJob: DNS out, and the team's first app on its container port;
nothing in.
*/}}
{{- define "webapps.batchNetworkPolicy" -}}
{{- $root := .root -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ .name }}
  namespace: {{ .team.name }}
  labels:
    {{- include "webapps.labels" . | nindent 4 }}
  annotations:
    argocd.argoproj.io/sync-wave: "1"
    config.kubernetes.io/depends-on: /Namespace/{{ .team.name }}
spec:
  podSelector:
    matchLabels:
      {{- include "webapps.selectorLabels" . | nindent 6 }}
  policyTypes:
    - Ingress
    - Egress
  egress:
    {{- include "webapps.dnsEgress" $root | nindent 4 }}
    - ports:
        - port: {{ $root.Values.containerPort }}
          protocol: TCP
      to:
        - podSelector:
            matchLabels:
              app.kubernetes.io/component: web
              app.kubernetes.io/name: {{ include "webapps.firstApp" . }}
{{- end }}

{{/* The ServiceAccount of a workload: one each, with no API token mounted. */}}
{{- define "webapps.serviceAccount" -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ .name }}
  namespace: {{ .team.name }}
  labels:
    {{- include "webapps.labels" . | nindent 4 }}
  annotations:
    argocd.argoproj.io/sync-wave: "1"
    config.kubernetes.io/depends-on: /Namespace/{{ .team.name }}
automountServiceAccountToken: false
{{- end }}

{{/* The pod spec of a Job or a CronJob's jobs; .spec is .Values.job or .Values.cronJob. */}}
{{- define "webapps.batchPodSpec" -}}
{{- $root := .root -}}
automountServiceAccountToken: false
enableServiceLinks: false
restartPolicy: Never
serviceAccountName: {{ .name }}
terminationGracePeriodSeconds: 30
securityContext:
  {{- toYaml $root.Values.podSecurityContext | nindent 2 }}
containers:
  - name: {{ .name }}
    image: {{ include "webapps.image" $root.Values.toolImage }}
    imagePullPolicy: {{ $root.Values.toolImage.pullPolicy }}
    command:
      {{- toYaml .spec.command | nindent 6 }}
    resources:
      {{- toYaml $root.Values.resources | nindent 6 }}
    securityContext:
      {{- toYaml $root.Values.securityContext | nindent 6 }}
{{- end }}
