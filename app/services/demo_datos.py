"""Names, places and valid identifiers for the demo data (`demo.py`)."""

from __future__ import annotations

from stdnum.ar import cbu as stdnum_cbu

ORGANISMOS = (  # code, name, share of the agents (weights)
    ("EDU", "Ministerio de Educación, Cultura, Ciencia y Tecnología", 28),
    ("SAL", "Ministerio de Salud Pública", 16),
    ("POL", "Policía de la Provincia", 13),
    ("SPP", "Servicio Penitenciario Provincial", 4),
    ("SEG", "Ministerio de Seguridad", 3),
    ("DES", "Ministerio de Desarrollo Social", 4),
    ("ECO", "Ministerio de Economía y Servicios Públicos", 3),
    ("PRO", "Ministerio de Producción y Desarrollo Sustentable", 2),
    ("INF", "Ministerio de Infraestructura", 2),
    ("JUS", "Ministerio de Gobierno, Derechos Humanos y Justicia", 2),
    ("GOB", "Secretaría General de la Gobernación", 2),
    ("PJU", "Poder Judicial de la Provincia", 6),
    ("DIP", "Cámara de Diputados", 1),
    ("SEN", "Cámara de Senadores", 1),
    ("TCU", "Tribunal de Cuentas", 1),
    ("DVP", "Dirección de Vialidad de la Provincia", 4),
    ("IPV", "Instituto Provincial de Vivienda", 1),
    ("REN", "Dirección General de Rentas", 2),
    ("ARH", "Secretaría de Recursos Hídricos", 1),
    ("HMI", "Hospital Público Materno Infantil", 4),
)

APELLIDOS = (
    "González", "Rodríguez", "Fernández", "López", "Martínez", "Pérez", "Gómez", "Díaz", "Sánchez",
    "Romero", "Sosa", "Álvarez", "Torres", "Ruiz", "Ramírez", "Flores", "Acosta", "Benítez", "Medina",
    "Suárez", "Herrera", "Aguirre", "Giménez", "Gutiérrez", "Pereyra", "Rojas", "Molina", "Castro",
    "Ortiz", "Silva", "Núñez", "Luna", "Juárez", "Cabrera", "Ríos", "Ferreyra", "Godoy", "Morales",
    "Domínguez", "Moreno", "Peralta", "Vega", "Carrizo", "Quiroga", "Castillo", "Ledesma", "Muñoz",
    "Ojeda", "Ponce", "Vera", "Vázquez", "Villalba", "Cardozo", "Navarro", "Ramos", "Arias", "Coronel",
    "Córdoba", "Figueroa", "Correa", "Cáceres", "Vargas", "Mansilla", "Farías", "Paz", "Ibáñez",
    "Maldonado", "Miranda", "Ávila", "Toledo", "Bustos", "Ibarra", "Zárate", "Chávez", "Escobar",
    "Salazar", "Montenegro", "Barrios", "Ocampo", "Gauna", "Avendaño", "Brizuela", "Bravo", "Iñíguez",
    "Peñaloza", "Saldaño", "Frías", "Céspedes", "Quintana", "Güemes", "Peña", "Nuñez", "Cuéllar",
    "Echeverría", "Agüero", "Argañaraz", "Guzmán", "Sarmiento", "Tolaba", "Chocobar", "Guaymás",
    "Mamaní", "Cruz", "Yapura", "de la Peña", "del Valle", "San Martín", "Sáenz Peña", "Di Marco",
    "Mondaca", "Colque", "Choque", "Villagrán", "Aráoz", "Zerpa", "Burgos", "Lérida", "Tejerina",
)
NOMBRES_M = (
    "Juan", "Carlos", "José", "Luis", "Jorge", "Miguel", "Héctor", "Raúl", "Sergio", "Martín", "Matías",
    "Nicolás", "Sebastián", "Diego", "Pablo", "Gustavo", "Marcelo", "Ramón", "Rubén", "Julián",
    "Agustín", "Joaquín", "Tomás", "Facundo", "Germán", "Néstor", "Óscar", "Andrés", "Hernán", "Fabián",
    "Cristian", "Damián", "Maximiliano", "Ezequiel", "Gastón", "Iván", "Leandro", "Lucas", "Mauricio",
    "Rodrigo", "Ángel", "Benjamín", "Valentín", "Simón", "Efraín", "Íñigo",
)
NOMBRES_F = (
    "María", "Ana", "Laura", "Silvia", "Graciela", "Mónica", "Patricia", "Claudia", "Marta", "Norma",
    "Susana", "Alejandra", "Verónica", "Lorena", "Carolina", "Valeria", "Romina", "Natalia", "Paula",
    "Florencia", "Agustina", "Camila", "Micaela", "Sofía", "Lucía", "Belén", "Inés", "Mercedes",
    "Rocío", "Noelia", "Soledad", "Julieta", "Antonella", "Milagros", "Ángeles", "Débora", "Fátima",
    "Azucena", "Begoña", "Candela", "Zoé", "Ruth",
)
LOCALIDADES = (
    "Capital", "San Ramón de la Nueva Orán", "Tartagal", "General Güemes", "Rosario de la Frontera",
    "San José de Metán", "Cafayate", "Cerrillos", "Chicoana", "La Caldera", "Embarcación", "Rosario de Lerma",
    "El Carril", "Campo Quijano", "Joaquín V. González", "Apolinario Saravia", "Aguaray", "Pichanal",
    "Colonia Santa Rosa", "Hipólito Yrigoyen", "Cachi", "San Antonio de los Cobres", "La Viña", "Iruya",
)
CALLES = (
    "Belgrano", "San Martín", "Mitre", "Sarmiento", "Rivadavia", "Av. Independencia", "España", "Córdoba",
    "Urquiza", "Caseros", "Güemes", "Pellegrini", "Alvarado", "Zuviría", "Santiago del Estero", "Ituzaingó",
    "Av. Paraguay", "Florida", "Alberdi", "Juramento", "Peñaloza", "Los Ceibos", "Las Acacias", "20 de Febrero",
)
TIPOS_ACCIDENTE = ("Accidente de trabajo", "Accidente in itinere", "Enfermedad profesional")
USUARIOS_LIQUIDADORES = ("mgomez", "jperez", "lnunez", "spena", "acastro", "rguemes")
LETRADOS = ("Dra. Inés Castaño", "Dr. Ramón Ibáñez", "Dra. Begoña Núñez", "Dr. Joaquín Peña")
BANCOS = ("285", "011", "007", "017", "072", "191", "014", "034")


# ------------------------------------------------------------------ check digits

def digito_cuil(base10: str) -> int:
    """AFIP mod-11 check digit of the first 10 digits; 10 means «change the prefix»."""
    suma = sum(int(d) * p for d, p in zip(base10, (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)))
    v = 11 - suma % 11
    return 0 if v == 11 else v


def cuil_valido(dni: int, mujer: bool) -> str:
    """CUIL of a person: 20 (male) / 27 (female) + DNI + check digit; 23-…-9 / 23-…-4 when the
    check digit would be 10 (the AFIP rule)."""
    prefijo = "27" if mujer else "20"
    base = f"{prefijo}{dni:08d}"
    v = digito_cuil(base)
    if v == 10:
        base = f"23{dni:08d}"
        v = 4 if mujer else 9
    return f"{base}{v}"


def cuit_organismo(numero: int) -> str | None:
    base = f"30{numero:08d}"
    v = digito_cuil(base)
    return None if v == 10 else f"{base}{v}"


def cbu_valido(banco: str, sucursal: int, cuenta: int) -> str:
    """22-digit CBU with both check digits (bank+branch block and account block), by python-stdnum."""
    bloque1 = f"{banco}{sucursal:04d}"
    bloque2 = f"{cuenta:013d}"
    return bloque1 + stdnum_cbu.calc_check_digit(bloque1) + bloque2 + stdnum_cbu.calc_check_digit(bloque2)
