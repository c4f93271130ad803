variable "enable_cors" {
  type    = bool
  default = true
}

variable "frontend_origin" {
  type = string
}

resource "aws_s3_bucket_cors_configuration" "reports" {
  count  = var.enable_cors ? 1 : 0
  bucket = aws_s3_bucket.reports.id

  cors_rule {
    allowed_methods = ["GET"]
    allowed_origins = [var.frontend_origin]
    expose_headers  = ["Content-Disposition"]
    max_age_seconds = 300
  }
}
