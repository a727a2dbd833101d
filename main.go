package main
import (_ "github.com/gofiber/fiber/v2"; _ "github.com/valyala/fasthttp"; _ "github.com/BurntSushi/toml"; _ "github.com/rs/zerolog")
func main(){}
