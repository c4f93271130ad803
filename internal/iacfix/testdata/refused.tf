variable "site_domain" {
  type = string
}

variable "upload_methods" {
  type    = list(string)
  default = ["GET"]
}

resource "aws_s3_bucket_cors_configuration" "uploads" {
  bucket = "example-site-uploads"

  cors_rule {
    allowed_origins = ["https://${var.site_domain}"]
    allowed_methods = var.upload_methods # set per environment
    allowed_headers = ["*"]
  }
}
