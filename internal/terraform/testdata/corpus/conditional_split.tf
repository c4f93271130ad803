variable "client_url" {
  type    = string
  default = ""
}

variable "extra_origins" {
  type    = string
  default = "https://a.example.com,https://b.example.com"
}

resource "aws_s3_bucket_cors_configuration" "files" {
  bucket = aws_s3_bucket.files.bucket

  cors_rule {
    allowed_headers = ["*"]
    allowed_methods = ["GET", "PUT", "POST", "DELETE"]
    allowed_origins = var.client_url != "" ? split(",", var.client_url) : ["*"]
    expose_headers  = ["ETag"]
  }

  cors_rule {
    allowed_methods = ["GET"]
    allowed_origins = concat(split(",", var.extra_origins), [lower("HTTPS://C.EXAMPLE.COM")])
    max_age_seconds = format("%d", 120)
  }
}
