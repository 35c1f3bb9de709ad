// Package oapi holds the server interface, models and embedded spec generated from openapi.yaml.
package oapi

//go:generate go tool oapi-codegen -config config.yaml ../../openapi.yaml
