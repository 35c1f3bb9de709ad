package store

import (
	"fmt"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgtype"
)

// Every query passes and reads ids as uuid.UUID (or uuid.NullUUID). Left alone, pgx would
// reach them through their driver.Valuer and sql.Scanner: formatting each id as text and
// parsing it back for every parameter and column, a measurable share of a case page's CPU
// and allocations. Teaching the type map about them lets pgx copy the 16 bytes of the
// binary protocol. (jackc/pgx-google-uuid does the same; it is not served by this project's
// module proxy.)
func registerUUID(m *pgtype.Map) {
	// Encoding: wrappers are tried before driver.Valuer.
	m.TryWrapEncodePlanFuncs = append([]pgtype.TryWrapEncodePlanFunc{wrapUUIDEncode}, m.TryWrapEncodePlanFuncs...)
	// Scanning: a codec's own plan is tried before sql.Scanner, so the codec for the uuid
	// type is where the binary plan goes.
	m.RegisterType(&pgtype.Type{Name: "uuid", OID: pgtype.UUIDOID, Codec: uuidCodec{}})
}

// binaryUUID and binaryNullUUID are uuid.UUID and uuid.NullUUID as pgtype's UUID codec
// speaks to them.
type binaryUUID uuid.UUID

func (u binaryUUID) UUIDValue() (pgtype.UUID, error) {
	return pgtype.UUID{Bytes: u, Valid: true}, nil
}

type binaryNullUUID uuid.NullUUID

func (u binaryNullUUID) UUIDValue() (pgtype.UUID, error) {
	return pgtype.UUID{Bytes: u.UUID, Valid: u.Valid}, nil
}

func wrapUUIDEncode(value any) (pgtype.WrappedEncodePlanNextSetter, any, bool) {
	switch v := value.(type) {
	case uuid.UUID:
		return &uuidEncodePlan{}, binaryUUID(v), true
	case uuid.NullUUID:
		return &uuidEncodePlan{}, binaryNullUUID(v), true
	}
	return nil, nil, false
}

type uuidEncodePlan struct{ next pgtype.EncodePlan }

func (p *uuidEncodePlan) SetNext(next pgtype.EncodePlan) { p.next = next }

func (p *uuidEncodePlan) Encode(value any, buf []byte) ([]byte, error) {
	switch v := value.(type) {
	case uuid.UUID:
		return p.next.Encode(binaryUUID(v), buf)
	case uuid.NullUUID:
		return p.next.Encode(binaryNullUUID(v), buf)
	}
	return nil, fmt.Errorf("uuid encode plan: unexpected %T", value)
}

type uuidCodec struct{ pgtype.UUIDCodec }

func (c uuidCodec) PlanScan(m *pgtype.Map, oid uint32, format int16, target any) pgtype.ScanPlan {
	if format == pgtype.BinaryFormatCode {
		switch target.(type) {
		case *uuid.UUID, *uuid.NullUUID:
			return binaryUUIDScan{}
		}
	}
	return c.UUIDCodec.PlanScan(m, oid, format, target)
}

type binaryUUIDScan struct{}

func (binaryUUIDScan) Scan(src []byte, dst any) error {
	if src != nil && len(src) != 16 {
		return fmt.Errorf("invalid length for uuid: %d", len(src))
	}
	switch d := dst.(type) {
	case *uuid.UUID:
		// As uuid.UUID's own Scan does, so queries read as they did through it.
		if src == nil {
			*d = uuid.Nil
			return nil
		}
		*d = uuid.UUID(src)
	case *uuid.NullUUID:
		if src == nil {
			*d = uuid.NullUUID{}
			return nil
		}
		*d = uuid.NullUUID{UUID: uuid.UUID(src), Valid: true}
	default:
		return fmt.Errorf("uuid scan plan: unexpected %T", dst)
	}
	return nil
}
