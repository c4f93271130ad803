variable "environment" {
  type    = string
  default = "staging"
}

locals {
  domain     = "${var.environment}.example.com"
  app_origin = "https://app.${local.domain}"
  origins = [
    local.app_origin,
    "https://admin.${local.domain}",
  ]
}

resource "aws_s3_bucket_cors_configuration" "assets" {
  bucket = "acme-${var.environment}-assets"

  cors_rule {
    id              = "app"
    allowed_methods = ["GET", "HEAD"]
    allowed_origins = ["https://${local.domain}", local.app_origin]
    allowed_headers = ["Authorization", "Range"]
    expose_headers  = ["Content-Range", "ETag"]
    max_age_seconds = 600
  }

  cors_rule {
    id              = "admin-uploads"
    allowed_methods = ["PUT"]
    allowed_origins = local.origins
    allowed_headers = ["content-type", "x-amz-*"]
    expose_headers  = ["ETag"]
  }
}
