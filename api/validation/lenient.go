package validation

import (
	"encoding"
	"encoding/json"
	"reflect"
	"strings"
)

var (
	jsonUnmarshaler = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// DecodeLenient decodes as much of a JSON document into v (a pointer) as fits its type:
// a member that does not fit is left at its zero value and the rest still arrives. It is
// for running business rules over a body the schema already refused, so that the answer
// can name every error of the form at once; values it leaves out are the ones the schema
// refused, and rules skip them (see Report.Readable).
func DecodeLenient(data []byte, v any) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return
	}
	decodeInto(data, rv.Elem())
}

// decodeInto reports whether anything of data fit v.
func decodeInto(data []byte, v reflect.Value) bool {
	if json.Unmarshal(data, v.Addr().Interface()) == nil {
		return true
	}
	// A failed decode may have written part of the value; start again from zero.
	v.SetZero()
	t := v.Type()
	if reflect.PointerTo(t).Implements(jsonUnmarshaler) || reflect.PointerTo(t).Implements(textUnmarshaler) {
		// A value with its own decoding is one leaf: it fits or it stays zero.
		return false
	}
	switch t.Kind() {
	case reflect.Pointer:
		elem := reflect.New(t.Elem())
		if decodeInto(data, elem.Elem()) {
			v.Set(elem)
			return true
		}
	case reflect.Struct:
		var members map[string]json.RawMessage
		if json.Unmarshal(data, &members) != nil {
			return false
		}
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "-" {
				continue
			}
			if name == "" {
				name = f.Name
			}
			if raw, ok := member(members, name); ok {
				decodeInto(raw, v.Field(i))
			}
		}
		return true
	case reflect.Slice:
		var elems []json.RawMessage
		if json.Unmarshal(data, &elems) != nil {
			return false
		}
		out := reflect.MakeSlice(t, len(elems), len(elems))
		for i, raw := range elems {
			decodeInto(raw, out.Index(i))
		}
		v.Set(out)
		return true
	}
	return false
}

// member finds a JSON member by a field's name as encoding/json does: exactly, else
// ignoring case.
func member(members map[string]json.RawMessage, name string) (json.RawMessage, bool) {
	if raw, ok := members[name]; ok {
		return raw, true
	}
	for k, raw := range members {
		if strings.EqualFold(k, name) {
			return raw, true
		}
	}
	return nil, false
}
