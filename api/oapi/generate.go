// Package oapi holds the server interface, models and embedded spec generated from openapi.yaml.
package oapi

//go:generate go run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config config.yaml ../../openapi.yaml
