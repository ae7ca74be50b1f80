{{/* Chart name, truncated to the 63 characters a DNS label allows. */}}
{{- define "tasklane.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "tasklane.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Name of one workload: <fullname>-<component>, e.g. tasklane-server. */}}
{{- define "tasklane.componentName" -}}
{{- printf "%s-%s" (include "tasklane.fullname" .root) .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "tasklane.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "tasklane.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: tasklane
{{- end -}}

{{/* Labels that select one component's pods; stable across upgrades (selectors are immutable). */}}
{{- define "tasklane.selectorLabels" -}}
app.kubernetes.io/name: {{ include "tasklane.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "tasklane.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "tasklane.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* registry/repository:tag or @digest for one workload's image. */}}
{{- define "tasklane.image" -}}
{{- $img := .root.Values.image -}}
{{- if $img.digest -}}
{{- printf "%s/%s@%s" $img.registry .repository $img.digest -}}
{{- else -}}
{{- printf "%s/%s:%s" $img.registry .repository (default .root.Chart.AppVersion $img.tag) -}}
{{- end -}}
{{- end -}}

{{/* Where CA certificates are mounted inside the containers. */}}
{{- define "tasklane.caDir" -}}/etc/tasklane/ca{{- end -}}

{{/* Kafka client settings shared by every workload; .kafkaSecret picks the workload's Kafka user. */}}
{{- define "tasklane.kafkaEnv" -}}
{{- $v := .root.Values -}}
- name: TASKLANE_KAFKA_BOOTSTRAP
  value: {{ $v.kafka.bootstrapServers | quote }}
- name: TASKLANE_KAFKA_TOPIC
  value: {{ $v.kafka.topic | quote }}
- name: TASKLANE_KAFKA_SECURITY_PROTOCOL
  value: {{ $v.kafka.securityProtocol | quote }}
{{- if hasPrefix "SASL" $v.kafka.securityProtocol }}
- name: TASKLANE_KAFKA_SASL_MECHANISM
  value: {{ $v.kafka.saslMechanism | quote }}
- name: TASKLANE_KAFKA_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ .kafkaSecret.existingSecret }}
      key: {{ .kafkaSecret.usernameKey }}
- name: TASKLANE_KAFKA_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .kafkaSecret.existingSecret }}
      key: {{ .kafkaSecret.passwordKey }}
{{- end }}
{{- if $v.secrets.kafka.caSecret }}
- name: TASKLANE_KAFKA_CA_FILE
  value: {{ include "tasklane.caDir" . }}/kafka-ca.crt
{{- end }}
{{- end -}}

{{- define "tasklane.databaseEnv" -}}
{{- $s := .Values.secrets.database -}}
- name: TASKLANE_DB_URL
  valueFrom:
    secretKeyRef:
      name: {{ $s.existingSecret }}
      key: {{ $s.urlKey }}
- name: TASKLANE_DB_USER
  valueFrom:
    secretKeyRef:
      name: {{ $s.existingSecret }}
      key: {{ $s.userKey }}
- name: TASKLANE_DB_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $s.existingSecret }}
      key: {{ $s.passwordKey }}
- name: TASKLANE_DB_SSLMODE
  value: {{ .Values.database.sslMode | quote }}
{{- if $s.caKey }}
- name: TASKLANE_DB_SSL_ROOT_CERT
  value: {{ include "tasklane.caDir" . }}/postgres-ca.crt
{{- end }}
{{- end -}}

{{- define "tasklane.redisEnv" -}}
{{- if .Values.redis.url }}
- name: TASKLANE_REDIS_URL
  value: {{ .Values.redis.url | quote }}
- name: TASKLANE_REDIS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.secrets.redis.existingSecret }}
      key: {{ .Values.secrets.redis.passwordKey }}
{{- if .Values.secrets.redis.caKey }}
- name: TASKLANE_REDIS_CA_FILE
  value: {{ include "tasklane.caDir" . }}/redis-ca.crt
{{- end }}
{{- end }}
{{- end -}}

{{/* One projected volume with every configured CA certificate, plus a writable /tmp. */}}
{{- define "tasklane.volumes" -}}
- name: tmp
  emptyDir:
    sizeLimit: 64Mi
- name: ca-certificates
  projected:
    defaultMode: 0444
    sources:
      {{- if .Values.secrets.database.caKey }}
      - secret:
          name: {{ .Values.secrets.database.existingSecret }}
          items:
            - key: {{ .Values.secrets.database.caKey }}
              path: postgres-ca.crt
      {{- end }}
      {{- if .Values.secrets.kafka.caSecret }}
      - secret:
          name: {{ .Values.secrets.kafka.caSecret }}
          items:
            - key: {{ .Values.secrets.kafka.caKey }}
              path: kafka-ca.crt
      {{- end }}
      {{- if and .Values.redis.url .Values.secrets.redis.caKey }}
      - secret:
          name: {{ .Values.secrets.redis.existingSecret }}
          items:
            - key: {{ .Values.secrets.redis.caKey }}
              path: redis-ca.crt
      {{- end }}
{{- end -}}

{{- define "tasklane.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
- name: ca-certificates
  mountPath: {{ include "tasklane.caDir" . }}
  readOnly: true
{{- end -}}

{{/* Dapr sidecar annotations for one workload (only in Dapr mode). */}}
{{- define "tasklane.daprAnnotations" -}}
{{- if .root.Values.dapr.enabled }}
dapr.io/enabled: "true"
dapr.io/app-id: {{ include "tasklane.componentName" . | quote }}
dapr.io/app-port: {{ .port | quote }}
dapr.io/log-level: {{ .root.Values.dapr.logLevel | quote }}
dapr.io/enable-metrics: "true"
dapr.io/sidecar-seccomp-profile-type: RuntimeDefault
{{- end }}
{{- end -}}
