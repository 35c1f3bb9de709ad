// Package eutteum holds what the whole module shares from its root: the API contract.
package eutteum

import _ "embed"

// OpenAPISpec is openapi.yaml, the contract served at /openapi.yaml and enforced on requests.
//
//go:embed openapi.yaml
var OpenAPISpec []byte
